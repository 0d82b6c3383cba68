package peerlearn.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import peerlearn.data.Batch;
import peerlearn.data.FashionMnist;
import peerlearn.data.Split;
import peerlearn.nn.Model;
import peerlearn.nn.Zoo;
import peerlearn.objective.Evaluation;
import peerlearn.objective.NeuralObjective;
import peerlearn.optim.Optimizer;
import peerlearn.optim.Optimizers;
import peerlearn.optim.Schedule;
import peerlearn.rng.Rng;

/**
 * {@code tools/peerlearn train}: trains one model on Fashion-MNIST on one thread, the
 * single-agent baseline every decentralized run is compared with. Prints a progress bar on
 * stderr and one line per epoch (train and test loss and accuracy, time) on stdout.
 */
final class TrainCommand implements Command {
    private static final Map<String, String> FLAGS = new LinkedHashMap<>();

    static {
        FLAGS.put("model", "lenet5");
        FLAGS.put("epochs", "5");
        FLAGS.put("batch", "32");
        FLAGS.put("lr", "0.01");
        FLAGS.put("momentum", "0.9");
        FLAGS.put("nesterov", "false");
        FLAGS.put("optimizer", "sgd");
        FLAGS.put("weight-decay", "0");
        FLAGS.put("schedule", "constant");
        FLAGS.put("seed", "1");
        FLAGS.put("data", FashionMnist.DEBIAN_DIR.toString());
        FLAGS.put("embedded", "false");
        FLAGS.put("limit", "0");
        FLAGS.put("progress", "true");
    }

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train one model on Fashion-MNIST (single agent, one thread)";
    }

    private static void help(PrintStream out) {
        out.println("usage: tools/peerlearn train [flags]");
        out.println();
        out.println("Trains a model on Fashion-MNIST (inputs normalised with the training set's mean and std),");
        out.println("evaluating on the test set after every epoch. Progress goes to stderr, results to stdout.");
        out.println();
        out.println("  --model NAME        " + String.join(", ", Zoo.NAMES) + " (default lenet5;");
        out.println("                      vgg11*, resnet20* and dac-cifar need 32×32 images)");
        out.println("  --epochs N          epochs (default 5)");
        out.println("  --batch B           minibatch size (default 32)");
        out.println("  --lr η              base learning rate (default 0.01)");
        out.println("  --momentum μ        momentum for sgd and rmsprop (default 0.9)");
        out.println("  --nesterov          Nesterov momentum (sgd)");
        out.println("  --optimizer NAME    sgd, adam, adamw or rmsprop (default sgd)");
        out.println("  --weight-decay λ    L2 weight decay (default 0)");
        out.println("  --schedule SPEC     per-epoch learning rate: constant, step:S:GAMMA, multistep:M1,M2:GAMMA,");
        out.println("                      exp:GAMMA, cosine[:T[:MIN]], ngc (default constant)");
        out.println("  --seed S            seed for initialisation and batch order (default 1)");
        out.println("  --data DIR          directory with the four IDX files, .gz or raw");
        out.println("                      (default " + FashionMnist.DEBIAN_DIR + "; the embedded subset when absent)");
        out.println("  --embedded          use the embedded 10,000/2,000-image subset");
        out.println("  --limit N           train on the first N training images only (0 = all)");
        out.println("  --no-progress       no progress bar");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Map<String, String> f = new LinkedHashMap<>(FLAGS);
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) {
                help(out);
                return 0;
            }
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'; flags start with --, see --help");
            }
            String key = a.substring(2);
            String value = null;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            }
            if (key.equals("no-progress")) {
                key = "progress";
                value = "false";
            } else if (key.equals("nesterov") || key.equals("embedded")) {
                value = value == null ? "true" : value;
            }
            if (!FLAGS.containsKey(key)) {
                throw new IllegalArgumentException("unknown flag --" + key + "; see tools/peerlearn train --help");
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("flag --" + key + " needs a value");
                }
                value = args.get(++i);
            }
            f.put(key, value);
        }
        int epochs = positiveInt(f, "epochs");
        int batch = positiveInt(f, "batch");
        double lr = positiveDouble(f, "lr");
        float momentum = (float) number(f, "momentum");
        float wd = (float) number(f, "weight-decay");
        long seed = (long) number(f, "seed");
        int limit = (int) number(f, "limit");
        boolean nesterov = bool(f, "nesterov");
        boolean progress = bool(f, "progress");
        Schedule schedule = Schedule.parse(f.get("schedule"), lr, epochs);
        Split split = bool(f, "embedded") ? FashionMnist.embeddedSubset() : FashionMnist.bestAvailable(Path.of(f.get("data")));
        split = split.normalized();
        Model model = Zoo.create(f.get("model"), split.train().sampleShape(), FashionMnist.CLASSES);
        int n = limit > 0 ? Math.min(limit, split.train().size()) : split.train().size();
        int[] trainIdx = range(n);
        int[] testIdx = range(split.test().size());
        NeuralObjective objective = new NeuralObjective(model, split.train(), trainIdx, split.test(), testIdx, batch, seed,
                Rng.stream(seed, 0, "batches"), Rng.stream(seed, 0, "dropout"));
        Optimizer opt = Optimizers.create(f.get("optimizer"), objective.dimension(), momentum, nesterov, wd);
        out.printf(Locale.ROOT, "data: %s%n", split.source());
        out.printf(Locale.ROOT, "model: %s; optimizer %s lr %s momentum %s%s weight decay %s, schedule %s; batch %d, seed %d%n",
                model, f.get("optimizer"), f.get("lr"), f.get("momentum"), nesterov ? " (Nesterov)" : "", f.get("weight-decay"),
                f.get("schedule"), batch, seed);
        float[] x = objective.initialParameters();
        float[] grad = new float[x.length];
        int steps = objective.sampler().batchesPerEpoch();
        long runStart = System.nanoTime();
        for (int epoch = 0; epoch < epochs; epoch++) {
            float rate = (float) schedule.rate(epoch);
            long start = System.nanoTime();
            long lastDraw = 0;
            double lossSum = 0;
            long correct = 0;
            long seen = 0;
            for (int s = 0; s < steps; s++) {
                Batch b = objective.nextBatch();
                double loss = objective.lossAndGradient(x, b, grad);
                if (!Double.isFinite(loss)) {
                    err.println();
                    err.printf(Locale.ROOT, "peerlearn train: the loss became %s at epoch %d, step %d (learning rate %s too high?)%n",
                            loss, epoch + 1, s + 1, rate);
                    return 1;
                }
                opt.step(x, grad, rate);
                lossSum += loss * b.size();
                correct += objective.lastCorrect();
                seen += b.size();
                long now = System.nanoTime();
                if (progress && (now - lastDraw > 200_000_000L || s == steps - 1)) {
                    lastDraw = now;
                    double secs = (now - start) / 1e9;
                    double rateSamples = seen / Math.max(secs, 1e-9);
                    double eta = (double) (steps - s - 1) * b.size() / Math.max(rateSamples, 1e-9)
                            + (double) (epochs - epoch - 1) * n / Math.max(rateSamples, 1e-9);
                    err.print("\r" + bar(epoch + 1, epochs, s + 1, steps, lossSum / seen, (double) correct / seen, rateSamples, eta));
                    err.flush();
                }
            }
            double trainSecs = (System.nanoTime() - start) / 1e9;
            if (progress) {
                err.println();
            }
            long evalStart = System.nanoTime();
            Evaluation test = objective.evaluateLocalTest(x);
            double evalSecs = (System.nanoTime() - evalStart) / 1e9;
            out.printf(Locale.ROOT, "epoch %d/%d  lr %.4g  train loss %.4f acc %.2f%%  test loss %.4f acc %.2f%%  "
                            + "%.1f s train (%.0f samples/s, %.2f ms/step) + %.1f s test%n",
                    epoch + 1, epochs, rate, lossSum / seen, 100.0 * correct / seen, test.loss(), 100 * test.accuracy(),
                    trainSecs, seen / trainSecs, 1000 * trainSecs / steps, evalSecs);
        }
        out.printf(Locale.ROOT, "total %.1f s%n", (System.nanoTime() - runStart) / 1e9);
        return 0;
    }

    static String bar(int epoch, int epochs, int step, int steps, double loss, double acc, double samplesPerSec, double eta) {
        int width = 24;
        int filled = (int) ((long) width * step / steps);
        long e = Math.round(eta);
        return String.format(Locale.ROOT, "epoch %d/%d [%s%s] %d/%d loss %.4f acc %.2f%% %.0f samples/s ETA %d:%02d:%02d ",
                epoch, epochs, "#".repeat(filled), ".".repeat(width - filled), step, steps, loss, 100 * acc, samplesPerSec,
                e / 3600, e / 60 % 60, e % 60);
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static double number(Map<String, String> f, String key) {
        try {
            return Double.parseDouble(f.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " needs a number, got '" + f.get(key) + "'");
        }
    }

    private static double positiveDouble(Map<String, String> f, String key) {
        double v = number(f, key);
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("--" + key + " must be positive, got " + f.get(key));
        }
        return v;
    }

    private static int positiveInt(Map<String, String> f, String key) {
        double v = number(f, key);
        if (v != Math.rint(v) || v < 1 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--" + key + " must be a positive whole number, got " + f.get(key));
        }
        return (int) v;
    }

    private static boolean bool(Map<String, String> f, String key) {
        return switch (f.get(key)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--" + key + " takes true or false, got '" + f.get(key) + "'");
        };
    }
}
