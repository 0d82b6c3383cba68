package peerlearn.tensor.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * SGEMM on the Vector API: packed panels, cache blocking and an MR×NR register-blocked micro-kernel
 * of MR rows and NR = V vectors of columns. The tile's MR·V running sums, its V loads of B and the
 * MR broadcasts of A (the JIT loads all of a step's broadcasts up front) must fit the register
 * file, or sums spill to the stack and every step waits on a store and a reload:
 * <ul>
 *   <li>512-bit vectors (AVX-512, 32 registers): MR = 6, V = 4 (of the tiles 8×2, 12×2, 14×2, 7×3,
 *       8×3, 4×4, 5×4, 4×6, 5×5 vectors tried there it ran fastest), with a last row panel of at
 *       most four rows on a 4 × 4 kernel ({@link #kernel4x4}); on an Intel core, products
 *       op(A)·op(B) with A transposed and at least 768 rows take a third tile of 24 rows by one
 *       vector whose A values are broadcast in pairs, with fewer loads per fma
 *       ({@link #sgemmPairs});
 *   <li>narrower vectors (AVX2 has 16 registers): MR = 3, V = 3, 9 + 3 + 3 = 15 registers. On an
 *       AVX2 core its micro-kernel ran at 71 GFLOP/s from L1, the 6×2 tile (12 + 2 + 6 = 20, two
 *       sums spilled) at 35, 4×3 at 35, 5×2 at 32, 4×2 at 48, 2×4 at 47. On a Zen 2 core (fma
 *       peak 96–105) it runs at 82–85 from L1, 4×3 and 6×2 at 39, and 1×12 (B read by the fma
 *       itself, 12 + 1 registers) at 67. Nine sums cover at most 9 of the 10 fma a Zen 2 core
 *       keeps in flight (latency 5, two pipes), so this tile tops out at 90% of peak.
 * </ul>
 * Its scalar twin is {@link ScalarGemm}, and the two agree bit for bit: every c_ij is still the fma
 * chain over p = 0, 1, …, k−1 from zero — blocking only changes which elements are computed
 * together, never the order of one element's sum.
 *
 * <p>Loop nest (Goto and van de Geijn, "Anatomy of high-performance matrix multiplication",
 * ACM TOMS 34(3), 2008): for each block of NC columns, for each block of KC of the k-range,
 * pack op(B) into KC×NR panels; for each block of MC rows pack op(A) into MR×KC panels; then for
 * each B panel sweep the A panels (kept in L2). Goto keeps the B panel in L1; at KC = 512 one
 * panel of 4 vectors is 128 KiB and streams from L2, which the micro-kernel sustains (225–243
 * GFLOP/s measured on a Zen 5 core, its fma peak) and which saves parking the sums of smaller
 * k-blocks; an Intel Xeon core (AVX-512 with AMX, 2 MiB of L2) ran faster with Goto's choice, a B
 * panel in L1 (kc = 128). k runs in equal blocks of at most KC. When k exceeds KC the running sums
 * are parked in a buffer between k-blocks, tile after tile in the order the kernels visit them, and
 * the α/β epilogue runs after the last one (a whole tile of a product with α = 1, β = 0 stores its
 * last k-block straight into C). Keeping them in C instead, rows ldc apart, ran NN 512³ 2–6%
 * slower on an Intel Xeon core (theory/autograd.md, "Sums parked off C"). With m above the rows
 * that read B in place (see the constructor) an untransposed B has no packing pass of its own: the
 * first row panel of A reads each whole B panel in place and stores it packed as it goes
 * ({@link #kernel6x4PackingB}, {@link #kernel3x3PackingB}), and the other row panels read the
 * packed copy. Alternating with the separate pass in one JVM (2 Dec 2026, Zen 5) that ran NN
 * 512³ 1.6–4.2% faster, NN 1024³ 4.5%, TN 512³ 2%; what else was tried then and dropped (kc for a
 * B panel in L1, other mc and nc, A packed the same way) is in theory/autograd.md.
 *
 * <p>The packed B panels start on a cache line where the workspace can learn its buffer's address
 * ({@link GemmWorkspace#packedBLead}, {@link CacheLines}), so that no 64-byte load of them spans
 * two lines: NN 512³ ran 5–7% faster so on an Intel Xeon core. The start changes no sum.
 */
final class SimdGemm implements GemmKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** The tile for this machine's preferred species (see the class comment): MR rows, V vectors. */
    static final int MR = S.vectorBitSize() >= 512 ? 6 : 3;
    static final int V = S.vectorBitSize() >= 512 ? 4 : 3;

    /** The running sums a kernel starts its first k-block from (read only). */
    private static final float[] ZERO_TILE = new float[6 * 4 * L];

    private final int mr;
    private final int nr;

    private final int kc;
    private final int mc;
    private final int nc;
    private final int directRows;
    /** Products with at least this many rows of C take the pair tile (see {@link #sgemmPairs}). */
    private final int pairFrom;
    /** Whether only products with A transposed take it (production's choice, {@link #PAIR_FROM_ROWS}). */
    private final boolean pairsOnlyTransposedA;
    /** The pair tile's k-block and row block (its column block is nc). */
    private final int pairKc;
    private final int pairMc;

    /**
     * Production block sizes for a core with ≥ 1 MiB of L2 and a 32–48 KiB L1 (on an Intel core with
     * the 6×4 tile kc = 128 and mc = 384 instead, see {@link #INTEL_512}). kc = 512 lets k ≤ 512
     * run in one k-block, so no sums are parked between blocks (a parked 512×512 tile set is 1 MiB,
     * an L2's worth, and evicted the panels): 512³ went from 210 to 217 GFLOP/s on a Zen 5 core,
     * 1024³ from 198 to 206, x·Wᵀ of LeNet-5's first Linear layer (32×120×400) from 116 to 123.
     * nc = 512 keeps the packed B block (kc × nc, 1 MiB) within L2 (nc = 1024 tied within noise on the
     * wide products of convolutions). B is read in place by every row panel only for m ≤ 24 there: at
     * m = 32 the strided kernel's per-load bounds checks cost more than packing (32×120×400: 125 vs
     * 105 GFLOP/s; 32×3200×150: 140 vs 127), at m ≤ 16 packing costs more (16×3200×150: 118 vs 90,
     * and 151 vs 167 when the first row panel packs it in passing for the other two). Above 24 rows
     * the first row panel packs it in passing (see the class comment). With the 3×3 tile (Zen 2)
     * packing in passing wins from three row panels: 9×3200×150 47 vs 43 GFLOP/s, 16×3200×150 50
     * vs 39, while 6×3200×150 ties at 41–43 and 3×3200×150 reads in place at 35 vs 30. On an Intel
     * core, with the packed panels on cache lines and a four-row last panel, packing in passing
     * wins from 12 rows (two JVMs, GFLOP/s packed against in place: 16×3200×150 108 vs 93,
     * 20×3200×150 106 vs 93 and 93 vs 80, 24×1024×64 132 vs 94 and 124 vs 90, 16×12544×150 78 vs
     * 67 and 75 vs 63, 12×3200×150 109 vs 110 and 97 vs 85), while 8×3200×150 ties (81 vs 90, 72
     * vs 72) and 3×3200×150 reads in place at 56–69 vs 37–43, so there B is read in place up to
     * m = 8 only.
     */
    SimdGemm() {
        this(MR, V, INTEL_512 ? 128 : 512, INTEL_512 ? 384 : 192, 512, DIRECT_ROWS,
                INTEL_512 ? PAIR_FROM_ROWS : Integer.MAX_VALUE, true, PAIR_KC, PAIR_MC);
    }

    /** The production kernel without the pair tile, for benchmarks that compare the two. */
    static SimdGemm withoutPairs() {
        return new SimdGemm(MR, V, INTEL_512 ? 128 : 512, INTEL_512 ? 384 : 192, 512, DIRECT_ROWS);
    }

    /**
     * The production kernel with the pair tile for every product from its rows on, A transposed
     * or not (Intel cores; elsewhere as production), for benchmarks that compare the two tiles.
     */
    static SimdGemm withPairsForAnyA() {
        return new SimdGemm(MR, V, INTEL_512 ? 128 : 512, INTEL_512 ? 384 : 192, 512, DIRECT_ROWS,
                INTEL_512 ? PAIR_FROM_ROWS : Integer.MAX_VALUE, false, PAIR_KC, PAIR_MC);
    }

    /** A kernel with the given tiles and blocks that never takes the pair tile. */
    SimdGemm(int rows, int vectors, int kc, int mc, int nc, int directRows) {
        this(rows, vectors, kc, mc, nc, directRows, Integer.MAX_VALUE);
    }

    /**
     * An Intel core with the 6×4 tile: there kc = 128 (a B panel of 32 KiB, which stays in L1 while
     * the row panels sweep it) and mc = 384 ran faster than kc = 512 (theory/autograd.md, "GEMM on
     * an Intel Xeon core"); Zen cores and AVX2 keep kc = 512.
     */
    private static final boolean INTEL_512 = MR == 6 && "GenuineIntel".equals(cpuVendor());

    /**
     * The production tile's rows up to which an untransposed B is read in place (see the
     * constructor): 24 with the 6 × 4 tile, 8 with it on an Intel core, 6 with the 3 × 3 tile.
     */
    static final int DIRECT_ROWS = INTEL_512 ? 8 : MR == 6 ? 24 : 6;

    /** The vendor_id of Linux's /proc/cpuinfo, or "" where there is none. */
    private static String cpuVendor() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("vendor_id")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * @param rows rows of the tile, MR: 6 with 4 vectors, or 3 with 3 vectors
     * @param vectors vectors per tile row, V (NR = V · lanes columns)
     * @param kc rows of a packed B panel (the k-block)
     * @param mc rows of op(A) packed at once
     * @param nc columns of op(B) packed at once
     * @param directRows when op(B) is B itself and m ≤ this, read B in place instead of packing it
     * @param pairFrom products with m ≥ this take the 24×16 pair tile, where the lanes are 16
     *     ({@link #PAIRS_POSSIBLE}), whether A is transposed or not; mc then counts in 24-row
     *     panels and nc in 16-column ones
     */
    SimdGemm(int rows, int vectors, int kc, int mc, int nc, int directRows, int pairFrom) {
        this(rows, vectors, kc, mc, nc, directRows, pairFrom, false, kc, mc);
    }

    /**
     * As above, with the pair tile's own k-block and row block, and taken by products with A
     * transposed only if {@code pairsOnlyTransposedA}.
     */
    private SimdGemm(int rows, int vectors, int kc, int mc, int nc, int directRows, int pairFrom,
                     boolean pairsOnlyTransposedA, int pairKc, int pairMc) {
        if (!(rows == 6 && vectors == 4) && !(rows == 3 && vectors == 3)) {
            throw new IllegalArgumentException("gemm tile: 6×4 or 3×3 vectors, got " + rows + "×" + vectors);
        }
        this.mr = rows;
        this.nr = vectors * L;
        this.kc = Math.max(1, kc);
        this.mc = Math.max(mr, mc / mr * mr);
        this.nc = Math.max(nr, nc / nr * nr);
        this.directRows = directRows;
        this.pairFrom = PAIRS_POSSIBLE ? pairFrom : Integer.MAX_VALUE;
        this.pairsOnlyTransposedA = pairsOnlyTransposedA;
        this.pairKc = Math.max(1, pairKc);
        this.pairMc = Math.max(PAIR_MR, pairMc / PAIR_MR * PAIR_MR);
    }

    /** Columns of the widest tile (4 vectors), for tests that size their cases by it. */
    static int maxNr() {
        return 4 * L;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc, GemmWorkspace ws) {
        if (m == 0 || n == 0) {
            return;
        }
        if (m >= pairFrom && k > 0 && (transA || !pairsOnlyTransposedA)) {
            sgemmPairs(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws);
            return;
        }
        if (k == 0) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int ci = cOff + i * ldc + j;
                    c[ci] = ScalarGemm.finish(0f, alpha, beta, c[ci]);
                }
            }
            return;
        }
        // Rows of B a multiple of 4 KiB apart fall into one L1 set: a panel of more than 64 such
        // rows evicts itself before the next row panel of A reuses it, and then packing pays
        // (measured 12 vs 18 GFLOP/s on m = 32, n = 32,768, k = 288, a 3×3 convolution's forward).
        boolean direct = !transB && m <= directRows && (k <= 64 || ldb % 1024 != 0);
        // Otherwise an untransposed B is packed by the kernels of the first A panel as they read
        // it (kernel6x4PackingB, kernel3x3PackingB); only a ragged last panel is packed beforehand.
        boolean packingB = !transB && !direct;
        // k in equal blocks of at most kc (150 as 75 + 75, not 128 + 22)
        int kBlocks = (k + kc - 1) / kc;
        int kcMax = (k + kBlocks - 1) / kBlocks;
        int ncMax = Math.min(nc, roundUp(n, nr));
        int mcMax = Math.min(mc, roundUp(m, mr));
        float[] pa = ws.packedA(mcMax * kcMax);
        float[] pb = ws.packedB(!direct ? kcMax * ncMax : n % nr != 0 ? kcMax * nr : 0);
        // the panels from a cache line on, so that no load of B spans two lines (B read in place
        // with no ragged panel packs nothing)
        int lead = direct && n % nr == 0 ? 0 : ws.packedBLead();
        // Running sums: one MR×NR tile when k fits one k-block, else parked for the whole block.
        boolean parked = kBlocks > 1;
        int mTiles = roundUp(m, mr) / mr;
        float[] acc = ws.accumulators(parked ? roundUp(m, mr) * ncMax : mr * nr);

        for (int jc = 0; jc < n; jc += nc) {
            int ncb = Math.min(nc, n - jc);
            int nPanels = (ncb + nr - 1) / nr;
            for (int pc = 0; pc < k; pc += kcMax) {
                int kcb = Math.min(kcMax, k - pc);
                boolean first = pc == 0;
                boolean last = pc + kcb == k;
                if (!packingB && !direct) {
                    packB(transB, b, bOff, ldb, pc, kcb, jc, ncb, pb, lead, nr, 0);
                } else if (ncb % nr != 0) {
                    // The ragged last panel, which no kernel reads in place.
                    int jt = (nPanels - 1) * nr;
                    packB(false, b, bOff, ldb, pc, kcb, jc + jt, ncb - jt, pb, lead, nr, direct ? 0 : nPanels - 1);
                }
                for (int ic = 0; ic < m; ic += mc) {
                    int mcb = Math.min(mc, m - ic);
                    int mPanels = (mcb + mr - 1) / mr;
                    packA(transA, a, aOff, lda, ic, mcb, pc, kcb, pa, mr);
                    for (int jp = 0; jp < nPanels; jp++) {
                        int j0 = jp * nr;
                        int cols = Math.min(nr, ncb - j0);
                        float[] bArr;
                        int bi;
                        int bStride;
                        if (!direct) {
                            bArr = pb;
                            bi = lead + jp * nr * kcb;
                            bStride = nr;
                        } else if (cols == nr) {
                            bArr = b;
                            bi = bOff + pc * ldb + jc + j0;
                            bStride = ldb;
                        } else {
                            bArr = pb;
                            bi = lead;
                            bStride = nr;
                        }
                        for (int ip = 0; ip < mPanels; ip++) {
                            int i0 = ip * mr;
                            int rows = Math.min(mr, mcb - i0);
                            // parked tiles column panel by column panel, so the row panels a B
                            // panel sweeps read and write their sums in address order
                            int accI = parked ? (jp * mTiles + (ic + i0) / mr) * (mr * nr) : 0;
                            int ci = cOff + (ic + i0) * ldc + jc + j0;
                            // The kernels start the first k-block from a tile of zeros and park
                            // their running sums in acc between k-blocks, never in C; a whole tile
                            // with α = 1 and β = 0 stores its last k-block straight into C (finish
                            // would only copy it), every other tile goes through finish.
                            boolean packsB = packingB && ic == 0 && ip == 0 && cols == nr;
                            // a last panel of at most four rows runs on the four-row kernels
                            int kr = mr == 6 && rows <= 4 && !packsB ? 4 : mr;
                            boolean straight = last && rows == kr && cols == nr && alpha == 1f && beta == 0f;
                            float[] in = first ? ZERO_TILE : acc;
                            int ii = first ? 0 : accI;
                            float[] out = straight ? c : acc;
                            int oi = straight ? ci : accI;
                            int os = straight ? ldc : nr;
                            if (mr == 3) {
                                if (packsB) {
                                    kernel3x3PackingB(pa, 0, b, bOff + pc * ldb + jc + j0, ldb, pb, bi,
                                            kcb, in, ii, out, oi, os);
                                } else if (bArr == pb) {
                                    kernel3x3(pa, ip * mr * kcb, pb, bi, kcb, in, ii, out, oi, os);
                                } else {
                                    kernel3x3Strided(pa, ip * mr * kcb, b, bi, bStride, kcb, in, ii, out, oi, os);
                                }
                            } else if (packsB) {
                                kernel6x4PackingB(pa, 0, b, bOff + pc * ldb + jc + j0, ldb, pb, bi,
                                        kcb, in, ii, out, oi, os);
                            } else if (kr == 4 && bArr == pb) {
                                kernel4x4Packed(pa, ip * mr * kcb, pb, bi, kcb, in, ii, out, oi, os);
                            } else if (kr == 4) {
                                kernel4x4(pa, ip * mr * kcb, bArr, bi, bStride, kcb, in, ii, out, oi, os);
                            } else if (bArr == pb) {
                                kernel6x4Packed(pa, ip * mr * kcb, pb, bi, kcb, in, ii, out, oi, os);
                            } else {
                                kernel6x4(pa, ip * mr * kcb, bArr, bi, bStride, kcb, in, ii, out, oi, os);
                            }
                            if (last && !straight) {
                                finish(acc, accI, nr, c, ci, ldc, rows, cols,
                                        alpha, beta);
                            }
                        }
                    }
                }
            }
        }
    }

    private static int roundUp(int x, int r) {
        return (x + r - 1) / r * r;
    }

    /**
     * Packs op(A)[i0 .. i0+rows, p0 .. p0+kcb) into mr-row panels: panel q holds, for each p,
     * the mr values op(A)[i0 + q·mr + r, p0 + p] at q·mr·kcb + p·mr + r, zero-padded past m.
     */
    private static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int rows,
                              int p0, int kcb, float[] pa, int mr) {
        for (int q = 0; q * mr < rows; q++) {
            int base = q * mr * kcb;
            int r1 = Math.min(mr, rows - q * mr);
            int ib = i0 + q * mr;
            if (transA && r1 == mr) {
                // A whole panel of op(A) = Aᵀ: mr adjacent floats of a row of A per p. Each p
                // copies a whole vector whose last L − mr lanes the next p overwrites (and the
                // last p's, the next panel, packed after this one, or nothing that is read); where
                // a vector would reach past either array, mr floats one by one. (Float by float,
                // this packing took a quarter of TN 512³ with the 3×3 tile on a Zen 2 core.)
                int p = 0;
                int src = aOff + p0 * lda + ib;
                int dst = base;
                int vectorEnd = Math.min(kcb, Math.min(Math.floorDiv(a.length - L - src, lda) + 1,
                        Math.floorDiv(pa.length - L - dst, mr) + 1));
                for (; p < vectorEnd; p++, src += lda, dst += mr) {
                    FloatVector.fromArray(S, a, src).intoArray(pa, dst);
                }
                for (; p < kcb; p++, src += lda, dst += mr) {
                    for (int r = 0; r < mr; r++) {
                        pa[dst + r] = a[src + r];
                    }
                }
            } else if (transA) {
                for (int p = 0; p < kcb; p++) {
                    int src = aOff + (p0 + p) * lda + ib;
                    int dst = base + p * mr;
                    for (int r = 0; r < r1; r++) {
                        pa[dst + r] = a[src + r];
                    }
                    for (int r = r1; r < mr; r++) {
                        pa[dst + r] = 0f;
                    }
                }
            } else if (L == 16 && r1 == 6 && mr == 6) {
                packSixRows(a, aOff + ib * lda + p0, lda, kcb, pa, base);
            } else if (r1 == 3 && mr == 3) {
                // Three rows at once, so the panel is written in order.
                int s0 = aOff + ib * lda + p0, s1 = s0 + lda, s2 = s1 + lda;
                for (int p = 0, dst = base; p < kcb; p++, dst += 3) {
                    pa[dst] = a[s0 + p];
                    pa[dst + 1] = a[s1 + p];
                    pa[dst + 2] = a[s2 + p];
                }
            } else {
                // Row by row: reads run along a row of A, writes step by mr through the panel.
                for (int r = 0; r < r1; r++) {
                    int src = aOff + (ib + r) * lda + p0;
                    for (int p = 0, dst = base + r; p < kcb; p++, dst += mr) {
                        pa[dst] = a[src + p];
                    }
                }
                for (int r = r1; r < mr; r++) {
                    for (int p = 0, dst = base + r; p < kcb; p++, dst += mr) {
                        pa[dst] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Lane indices of packSixRows (16-lane vectors only, the only width it runs at): rows r and
     * r + 1 interleaved (low and high halves), then the pairs each output vector takes from x, y
     * and from z.
     */
    private static final FloatVector[] PAIRS = new FloatVector[2];
    private static final FloatVector[] FROM_XY = new FloatVector[3];
    private static final FloatVector[] FROM_Z = new FloatVector[3];

    static {
        if (L == 16) {
            float[] low = new float[L];
            float[] high = new float[L];
            for (int l = 0; l < L; l++) {
                low[l] = (l % 2) * L + l / 2;
                high[l] = (l % 2) * L + L / 2 + l / 2;
            }
            PAIRS[0] = FloatVector.fromArray(S, low, 0);
            PAIRS[1] = FloatVector.fromArray(S, high, 0);
            for (int j = 0; j < 3; j++) {
                float[] xy = new float[L];
                float[] z = new float[L];
                for (int l = 0; l < L; l++) {
                    int pair = 8 * j + l / 2;
                    int lane = 2 * (pair / 3 % 8) + l % 2;
                    int source = pair % 3;
                    xy[l] = source == 0 ? lane : source == 1 ? L + lane : 0;
                    z[l] = source == 2 ? L + lane : l;
                }
                FROM_XY[j] = FloatVector.fromArray(S, xy, 0);
                FROM_Z[j] = FloatVector.fromArray(S, z, 0);
            }
        }
    }

    /**
     * Packs six whole rows of a row-major A (from {@code a[src]}, rows {@code lda} apart) into one
     * 6-row panel at {@code pa[base]}, 16 values of p at a time (16-lane vectors only): rows
     * (0, 1), (2, 3) and (4, 5) are interleaved into pair vectors x, y, z, and each of the six
     * output vectors takes its 8 pairs from one x, y and z with two two-vector lane selections.
     * 0.19 ns per float against 0.41 for the scalar loop on a Zen 5 core. Reading A's six rows in
     * place from the micro-kernel instead (no pack at all) was tried: six broadcast streams slowed
     * the kernel by 4–10%, and 1024³ ran at 180–198 GFLOP/s against 190–222 with this pack.
     */
    private static void packSixRows(float[] a, int src, int lda, int kcb, float[] pa, int base) {
        FloatVector low = PAIRS[0];
        FloatVector high = PAIRS[1];
        FloatVector xy0 = FROM_XY[0];
        FloatVector xy1 = FROM_XY[1];
        FloatVector xy2 = FROM_XY[2];
        FloatVector z0 = FROM_Z[0];
        FloatVector z1 = FROM_Z[1];
        FloatVector z2 = FROM_Z[2];
        int p = 0;
        for (; p + 16 <= kcb; p += 16) {
            int s = src + p;
            FloatVector r0 = FloatVector.fromArray(S, a, s);
            FloatVector r1 = FloatVector.fromArray(S, a, s + lda);
            FloatVector r2 = FloatVector.fromArray(S, a, s + 2 * lda);
            FloatVector r3 = FloatVector.fromArray(S, a, s + 3 * lda);
            FloatVector r4 = FloatVector.fromArray(S, a, s + 4 * lda);
            FloatVector r5 = FloatVector.fromArray(S, a, s + 5 * lda);
            FloatVector x0 = low.selectFrom(r0, r1);
            FloatVector x1 = high.selectFrom(r0, r1);
            FloatVector y0 = low.selectFrom(r2, r3);
            FloatVector y1 = high.selectFrom(r2, r3);
            FloatVector w0 = low.selectFrom(r4, r5);
            FloatVector w1 = high.selectFrom(r4, r5);
            int d = base + 6 * p;
            z0.selectFrom(xy0.selectFrom(x0, y0), w0).intoArray(pa, d);
            z1.selectFrom(xy1.selectFrom(x0, y0), w0).intoArray(pa, d + 16);
            z2.selectFrom(xy2.selectFrom(x0, y0), w0).intoArray(pa, d + 32);
            z0.selectFrom(xy0.selectFrom(x1, y1), w1).intoArray(pa, d + 48);
            z1.selectFrom(xy1.selectFrom(x1, y1), w1).intoArray(pa, d + 64);
            z2.selectFrom(xy2.selectFrom(x1, y1), w1).intoArray(pa, d + 80);
        }
        for (; p < kcb; p++) {
            for (int r = 0; r < 6; r++) {
                pa[base + 6 * p + r] = a[src + r * lda + p];
            }
        }
    }

    /**
     * Packs op(B)[p0 .. p0+kcb, j0 .. j0+cols) into NR-column panels from {@code pb[at]}: panel q
     * holds, for each p, the NR values op(B)[p0 + p, j0 + q·NR + t] at at + (q0 + q)·NR·kcb + p·NR +
     * t, zero-padded past n.
     */
    private static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kcb,
                              int j0, int cols, float[] pb, int at, int nr, int q0) {
        for (int q = 0; q * nr < cols; q++) {
            int base = at + (q0 + q) * nr * kcb;
            int t1 = Math.min(nr, cols - q * nr);
            int jb = j0 + q * nr;
            if (transB) {
                // Whole 16×16 blocks through registers (transpose16), the rest element by element:
                // panel row by panel row, the writes along the panel and the reads stepping
                // across the t1 source rows, whose cache lines stay in L1 from one p to the next.
                int tBlocks = L == 16 ? t1 / 16 * 16 : 0;
                int pBlocks = L == 16 ? kcb / 16 * 16 : 0;
                for (int t = 0; t < tBlocks; t += 16) {
                    for (int p = 0; p < pBlocks; p += 16) {
                        transpose16(b, bOff + (jb + t) * ldb + p0 + p, ldb, pb, base + p * nr + t, nr, false);
                    }
                }
                for (int p = 0; p < kcb; p++) {
                    int dst = base + p * nr;
                    int src = bOff + jb * ldb + p0 + p;
                    for (int t = p < pBlocks ? tBlocks : 0; t < t1; t++) {
                        pb[dst + t] = b[src + t * ldb];
                    }
                    for (int t = t1; t < nr; t++) {
                        pb[dst + t] = 0f;
                    }
                }
            } else {
                for (int p = 0; p < kcb; p++) {
                    int dst = base + p * nr;
                    System.arraycopy(b, bOff + (p0 + p) * ldb + jb, pb, dst, t1);
                    if (t1 < nr) {
                        Arrays.fill(pb, dst + t1, dst + nr, 0f);
                    }
                }
            }
        }
    }

    /**
     * Index vectors of the 16×16 transpose's four stages: at distance d = 8, 4, 2, 1 the rows i
     * and i + d (i with bit d clear) swap the off-diagonal d×d blocks of every 2d×2d block, row
     * i taking b's lanes l − d where l has bit d set ({@code LOW}), row i + d taking a's lanes
     * l + d where it is clear ({@code HIGH}). After the four stages row p holds column p.
     */
    private static final FloatVector[] LOW = new FloatVector[4];
    private static final FloatVector[] HIGH = new FloatVector[4];

    static {
        if (L == 16) {
            for (int s = 0, d = 8; d >= 1; d /= 2, s++) {
                float[] low = new float[L];
                float[] high = new float[L];
                for (int l = 0; l < L; l++) {
                    low[l] = (l & d) == 0 ? l : L + l - d;
                    high[l] = (l & d) == 0 ? l + d : L + l;
                }
                LOW[s] = FloatVector.fromArray(S, low, 0);
                HIGH[s] = FloatVector.fromArray(S, high, 0);
            }
        }
    }

    /**
     * Writes the transpose of the 16×16 block of {@code b} at {@code src} (rows {@code ldb} apart)
     * to {@code pb} at {@code dst} (rows {@code nr} apart): 16 loads, 64 two-vector lane selections,
     * 16 stores, about six times faster per element than moving one float at a time (0.19 vs 1.2 ns
     * on a Zen 5 core for the 512×512 panels of x·Bᵀ). Sixteen rows 4 KiB apart share one L1 set,
     * but each 64-byte load uses its line whole, so nothing has to stay there. {@code doubled}
     * writes each row as the pair tile's B wants it ({@link #packBPairs}), its even lanes each
     * twice and then its odd ones, 2 × 16 floats.
     */
    private static void transpose16(float[] b, int src, int ldb, float[] pb, int dst, int nr, boolean doubled) {
        FloatVector r0 = FloatVector.fromArray(S, b, src);
        FloatVector r1 = FloatVector.fromArray(S, b, src + ldb);
        FloatVector r2 = FloatVector.fromArray(S, b, src + 2 * ldb);
        FloatVector r3 = FloatVector.fromArray(S, b, src + 3 * ldb);
        FloatVector r4 = FloatVector.fromArray(S, b, src + 4 * ldb);
        FloatVector r5 = FloatVector.fromArray(S, b, src + 5 * ldb);
        FloatVector r6 = FloatVector.fromArray(S, b, src + 6 * ldb);
        FloatVector r7 = FloatVector.fromArray(S, b, src + 7 * ldb);
        FloatVector r8 = FloatVector.fromArray(S, b, src + 8 * ldb);
        FloatVector r9 = FloatVector.fromArray(S, b, src + 9 * ldb);
        FloatVector r10 = FloatVector.fromArray(S, b, src + 10 * ldb);
        FloatVector r11 = FloatVector.fromArray(S, b, src + 11 * ldb);
        FloatVector r12 = FloatVector.fromArray(S, b, src + 12 * ldb);
        FloatVector r13 = FloatVector.fromArray(S, b, src + 13 * ldb);
        FloatVector r14 = FloatVector.fromArray(S, b, src + 14 * ldb);
        FloatVector r15 = FloatVector.fromArray(S, b, src + 15 * ldb);
        FloatVector lo = LOW[0];
        FloatVector hi = HIGH[0];
        FloatVector x;
        x = lo.selectFrom(r0, r8);
        r8 = hi.selectFrom(r0, r8);
        r0 = x;
        x = lo.selectFrom(r1, r9);
        r9 = hi.selectFrom(r1, r9);
        r1 = x;
        x = lo.selectFrom(r2, r10);
        r10 = hi.selectFrom(r2, r10);
        r2 = x;
        x = lo.selectFrom(r3, r11);
        r11 = hi.selectFrom(r3, r11);
        r3 = x;
        x = lo.selectFrom(r4, r12);
        r12 = hi.selectFrom(r4, r12);
        r4 = x;
        x = lo.selectFrom(r5, r13);
        r13 = hi.selectFrom(r5, r13);
        r5 = x;
        x = lo.selectFrom(r6, r14);
        r14 = hi.selectFrom(r6, r14);
        r6 = x;
        x = lo.selectFrom(r7, r15);
        r15 = hi.selectFrom(r7, r15);
        r7 = x;
        lo = LOW[1];
        hi = HIGH[1];
        x = lo.selectFrom(r0, r4);
        r4 = hi.selectFrom(r0, r4);
        r0 = x;
        x = lo.selectFrom(r1, r5);
        r5 = hi.selectFrom(r1, r5);
        r1 = x;
        x = lo.selectFrom(r2, r6);
        r6 = hi.selectFrom(r2, r6);
        r2 = x;
        x = lo.selectFrom(r3, r7);
        r7 = hi.selectFrom(r3, r7);
        r3 = x;
        x = lo.selectFrom(r8, r12);
        r12 = hi.selectFrom(r8, r12);
        r8 = x;
        x = lo.selectFrom(r9, r13);
        r13 = hi.selectFrom(r9, r13);
        r9 = x;
        x = lo.selectFrom(r10, r14);
        r14 = hi.selectFrom(r10, r14);
        r10 = x;
        x = lo.selectFrom(r11, r15);
        r15 = hi.selectFrom(r11, r15);
        r11 = x;
        lo = LOW[2];
        hi = HIGH[2];
        x = lo.selectFrom(r0, r2);
        r2 = hi.selectFrom(r0, r2);
        r0 = x;
        x = lo.selectFrom(r1, r3);
        r3 = hi.selectFrom(r1, r3);
        r1 = x;
        x = lo.selectFrom(r4, r6);
        r6 = hi.selectFrom(r4, r6);
        r4 = x;
        x = lo.selectFrom(r5, r7);
        r7 = hi.selectFrom(r5, r7);
        r5 = x;
        x = lo.selectFrom(r8, r10);
        r10 = hi.selectFrom(r8, r10);
        r8 = x;
        x = lo.selectFrom(r9, r11);
        r11 = hi.selectFrom(r9, r11);
        r9 = x;
        x = lo.selectFrom(r12, r14);
        r14 = hi.selectFrom(r12, r14);
        r12 = x;
        x = lo.selectFrom(r13, r15);
        r15 = hi.selectFrom(r13, r15);
        r13 = x;
        lo = LOW[3];
        hi = HIGH[3];
        x = lo.selectFrom(r0, r1);
        r1 = hi.selectFrom(r0, r1);
        r0 = x;
        x = lo.selectFrom(r2, r3);
        r3 = hi.selectFrom(r2, r3);
        r2 = x;
        x = lo.selectFrom(r4, r5);
        r5 = hi.selectFrom(r4, r5);
        r4 = x;
        x = lo.selectFrom(r6, r7);
        r7 = hi.selectFrom(r6, r7);
        r6 = x;
        x = lo.selectFrom(r8, r9);
        r9 = hi.selectFrom(r8, r9);
        r8 = x;
        x = lo.selectFrom(r10, r11);
        r11 = hi.selectFrom(r10, r11);
        r10 = x;
        x = lo.selectFrom(r12, r13);
        r13 = hi.selectFrom(r12, r13);
        r12 = x;
        x = lo.selectFrom(r14, r15);
        r15 = hi.selectFrom(r14, r15);
        r14 = x;
        if (doubled) {
            r0.rearrange(EVEN_TWICE).intoArray(pb, dst);
            r0.rearrange(ODD_TWICE).intoArray(pb, dst + L);
            r1.rearrange(EVEN_TWICE).intoArray(pb, dst + 1 * nr);
            r1.rearrange(ODD_TWICE).intoArray(pb, dst + 1 * nr + L);
            r2.rearrange(EVEN_TWICE).intoArray(pb, dst + 2 * nr);
            r2.rearrange(ODD_TWICE).intoArray(pb, dst + 2 * nr + L);
            r3.rearrange(EVEN_TWICE).intoArray(pb, dst + 3 * nr);
            r3.rearrange(ODD_TWICE).intoArray(pb, dst + 3 * nr + L);
            r4.rearrange(EVEN_TWICE).intoArray(pb, dst + 4 * nr);
            r4.rearrange(ODD_TWICE).intoArray(pb, dst + 4 * nr + L);
            r5.rearrange(EVEN_TWICE).intoArray(pb, dst + 5 * nr);
            r5.rearrange(ODD_TWICE).intoArray(pb, dst + 5 * nr + L);
            r6.rearrange(EVEN_TWICE).intoArray(pb, dst + 6 * nr);
            r6.rearrange(ODD_TWICE).intoArray(pb, dst + 6 * nr + L);
            r7.rearrange(EVEN_TWICE).intoArray(pb, dst + 7 * nr);
            r7.rearrange(ODD_TWICE).intoArray(pb, dst + 7 * nr + L);
            r8.rearrange(EVEN_TWICE).intoArray(pb, dst + 8 * nr);
            r8.rearrange(ODD_TWICE).intoArray(pb, dst + 8 * nr + L);
            r9.rearrange(EVEN_TWICE).intoArray(pb, dst + 9 * nr);
            r9.rearrange(ODD_TWICE).intoArray(pb, dst + 9 * nr + L);
            r10.rearrange(EVEN_TWICE).intoArray(pb, dst + 10 * nr);
            r10.rearrange(ODD_TWICE).intoArray(pb, dst + 10 * nr + L);
            r11.rearrange(EVEN_TWICE).intoArray(pb, dst + 11 * nr);
            r11.rearrange(ODD_TWICE).intoArray(pb, dst + 11 * nr + L);
            r12.rearrange(EVEN_TWICE).intoArray(pb, dst + 12 * nr);
            r12.rearrange(ODD_TWICE).intoArray(pb, dst + 12 * nr + L);
            r13.rearrange(EVEN_TWICE).intoArray(pb, dst + 13 * nr);
            r13.rearrange(ODD_TWICE).intoArray(pb, dst + 13 * nr + L);
            r14.rearrange(EVEN_TWICE).intoArray(pb, dst + 14 * nr);
            r14.rearrange(ODD_TWICE).intoArray(pb, dst + 14 * nr + L);
            r15.rearrange(EVEN_TWICE).intoArray(pb, dst + 15 * nr);
            r15.rearrange(ODD_TWICE).intoArray(pb, dst + 15 * nr + L);
            return;
        }
        r0.intoArray(pb, dst);
        r1.intoArray(pb, dst + nr);
        r2.intoArray(pb, dst + 2 * nr);
        r3.intoArray(pb, dst + 3 * nr);
        r4.intoArray(pb, dst + 4 * nr);
        r5.intoArray(pb, dst + 5 * nr);
        r6.intoArray(pb, dst + 6 * nr);
        r7.intoArray(pb, dst + 7 * nr);
        r8.intoArray(pb, dst + 8 * nr);
        r9.intoArray(pb, dst + 9 * nr);
        r10.intoArray(pb, dst + 10 * nr);
        r11.intoArray(pb, dst + 11 * nr);
        r12.intoArray(pb, dst + 12 * nr);
        r13.intoArray(pb, dst + 13 * nr);
        r14.intoArray(pb, dst + 14 * nr);
        r15.intoArray(pb, dst + 15 * nr);
    }

    /**
     * The micro-kernel of the 3×3-vector tile on a packed B panel: 9 running sums, 3 loads and 3
     * broadcasts per 9 fma, otherwise as {@link #kernel6x4}. Every index is a constant multiple
     * of the loop's counter plus a constant, so the JIT checks the array bounds once before the
     * loop, not per load.
     */
    private static void kernel3x3(float[] pa, int ai, float[] b, int bi, int kcb,
                                  float[] in, int ii, float[] out, int oi, int outStride) {
        FloatVector s00 = FloatVector.fromArray(S, in, ii);
        FloatVector s01 = FloatVector.fromArray(S, in, ii + L);
        FloatVector s02 = FloatVector.fromArray(S, in, ii + 2 * L);
        FloatVector s10 = FloatVector.fromArray(S, in, ii + 3 * L);
        FloatVector s11 = FloatVector.fromArray(S, in, ii + 4 * L);
        FloatVector s12 = FloatVector.fromArray(S, in, ii + 5 * L);
        FloatVector s20 = FloatVector.fromArray(S, in, ii + 6 * L);
        FloatVector s21 = FloatVector.fromArray(S, in, ii + 7 * L);
        FloatVector s22 = FloatVector.fromArray(S, in, ii + 8 * L);
        // The loop counts A's index itself: counting p and deriving both indices from it had C2
        // keep a pointer on the stack and reload it twice a step (16 registers are short), 74–78
        // GFLOP/s from L1 on a Zen 2 core against 82–84 this way (its fma peak is 96).
        for (int a0 = ai, b0i = bi, end = ai + 3 * kcb; a0 < end; a0 += 3, b0i += 3 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, b0i);
            FloatVector b1 = FloatVector.fromArray(S, b, b0i + L);
            FloatVector b2 = FloatVector.fromArray(S, b, b0i + 2 * L);
            FloatVector x = FloatVector.broadcast(S, pa[a0]);
            s00 = b0.fma(x, s00);
            s01 = b1.fma(x, s01);
            s02 = b2.fma(x, s02);
            x = FloatVector.broadcast(S, pa[a0 + 1]);
            s10 = b0.fma(x, s10);
            s11 = b1.fma(x, s11);
            s12 = b2.fma(x, s12);
            x = FloatVector.broadcast(S, pa[a0 + 2]);
            s20 = b0.fma(x, s20);
            s21 = b1.fma(x, s21);
            s22 = b2.fma(x, s22);
        }
        s00.intoArray(out, oi);
        s01.intoArray(out, oi + L);
        s02.intoArray(out, oi + 2 * L);
        s10.intoArray(out, oi + outStride);
        s11.intoArray(out, oi + outStride + L);
        s12.intoArray(out, oi + outStride + 2 * L);
        s20.intoArray(out, oi + 2 * outStride);
        s21.intoArray(out, oi + 2 * outStride + L);
        s22.intoArray(out, oi + 2 * outStride + 2 * L);
    }

    /**
     * {@link #kernel3x3} reading B in place, rows {@code bStride} apart (whose bounds the JIT then
     * checks load by load).
     */
    private static void kernel3x3Strided(float[] pa, int ai, float[] b, int bi, int bStride, int kcb,
                                         float[] in, int ii, float[] out, int oi, int outStride) {
        FloatVector s00 = FloatVector.fromArray(S, in, ii);
        FloatVector s01 = FloatVector.fromArray(S, in, ii + L);
        FloatVector s02 = FloatVector.fromArray(S, in, ii + 2 * L);
        FloatVector s10 = FloatVector.fromArray(S, in, ii + 3 * L);
        FloatVector s11 = FloatVector.fromArray(S, in, ii + 4 * L);
        FloatVector s12 = FloatVector.fromArray(S, in, ii + 5 * L);
        FloatVector s20 = FloatVector.fromArray(S, in, ii + 6 * L);
        FloatVector s21 = FloatVector.fromArray(S, in, ii + 7 * L);
        FloatVector s22 = FloatVector.fromArray(S, in, ii + 8 * L);
        for (int p = 0; p < kcb; p++, ai += 3, bi += bStride) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
            FloatVector x = FloatVector.broadcast(S, pa[ai]);
            s00 = b0.fma(x, s00);
            s01 = b1.fma(x, s01);
            s02 = b2.fma(x, s02);
            x = FloatVector.broadcast(S, pa[ai + 1]);
            s10 = b0.fma(x, s10);
            s11 = b1.fma(x, s11);
            s12 = b2.fma(x, s12);
            x = FloatVector.broadcast(S, pa[ai + 2]);
            s20 = b0.fma(x, s20);
            s21 = b1.fma(x, s21);
            s22 = b2.fma(x, s22);
        }
        s00.intoArray(out, oi);
        s01.intoArray(out, oi + L);
        s02.intoArray(out, oi + 2 * L);
        s10.intoArray(out, oi + outStride);
        s11.intoArray(out, oi + outStride + L);
        s12.intoArray(out, oi + outStride + 2 * L);
        s20.intoArray(out, oi + 2 * outStride);
        s21.intoArray(out, oi + 2 * outStride + L);
        s22.intoArray(out, oi + 2 * outStride + 2 * L);
    }

    /**
     * {@link #kernel3x3} for the first row panel of A, packing B as it reads it in place, as
     * {@link #kernel6x4PackingB} does for the wider tile.
     */
    private static void kernel3x3PackingB(float[] pa, int ai, float[] b, int src, int ldb, float[] pb, int bi,
                                          int kcb, float[] in, int ii, float[] out, int oi,
                                          int outStride) {
        FloatVector s00 = FloatVector.fromArray(S, in, ii);
        FloatVector s01 = FloatVector.fromArray(S, in, ii + L);
        FloatVector s02 = FloatVector.fromArray(S, in, ii + 2 * L);
        FloatVector s10 = FloatVector.fromArray(S, in, ii + 3 * L);
        FloatVector s11 = FloatVector.fromArray(S, in, ii + 4 * L);
        FloatVector s12 = FloatVector.fromArray(S, in, ii + 5 * L);
        FloatVector s20 = FloatVector.fromArray(S, in, ii + 6 * L);
        FloatVector s21 = FloatVector.fromArray(S, in, ii + 7 * L);
        FloatVector s22 = FloatVector.fromArray(S, in, ii + 8 * L);
        for (int a0 = ai, b0i = bi, end = ai + 3 * kcb; a0 < end; a0 += 3, b0i += 3 * L, src += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, src);
            FloatVector b1 = FloatVector.fromArray(S, b, src + L);
            FloatVector b2 = FloatVector.fromArray(S, b, src + 2 * L);
            b0.intoArray(pb, b0i);
            b1.intoArray(pb, b0i + L);
            b2.intoArray(pb, b0i + 2 * L);
            FloatVector x = FloatVector.broadcast(S, pa[a0]);
            s00 = b0.fma(x, s00);
            s01 = b1.fma(x, s01);
            s02 = b2.fma(x, s02);
            x = FloatVector.broadcast(S, pa[a0 + 1]);
            s10 = b0.fma(x, s10);
            s11 = b1.fma(x, s11);
            s12 = b2.fma(x, s12);
            x = FloatVector.broadcast(S, pa[a0 + 2]);
            s20 = b0.fma(x, s20);
            s21 = b1.fma(x, s21);
            s22 = b2.fma(x, s22);
        }
        s00.intoArray(out, oi);
        s01.intoArray(out, oi + L);
        s02.intoArray(out, oi + 2 * L);
        s10.intoArray(out, oi + outStride);
        s11.intoArray(out, oi + outStride + L);
        s12.intoArray(out, oi + outStride + 2 * L);
        s20.intoArray(out, oi + 2 * outStride);
        s21.intoArray(out, oi + 2 * outStride + L);
        s22.intoArray(out, oi + 2 * outStride + 2 * L);
    }

    /**
     * The micro-kernel of the 6×4-vector tile: an MR×NR tile of running sums s (24 vector
     * registers) advanced over kcb values of p with one fma per element per p. Starts from the
     * tile of sums parked at {@code in[ii]}, its 6 rows of NR one after another (a tile of zeros
     * before the first k-block), and stores them to {@code out} at {@code oi}, rows
     * {@code outStride} apart (the parked tile again, or C itself after the last k-block). It calls
     * nothing and merges no vectors at a branch, so the JIT keeps every vector in a register (a
     * vector live across a call, or merged from two branches, gets boxed on the heap — and the
     * kernel runs 3× slower).
     */
    private static void kernel6x4(float[] pa, int ai, float[] b, int bi, int bStride, int kcb,
                                  float[] in, int ii, float[] out, int oi, int outStride) {
        FloatVector s00 = FloatVector.fromArray(S, in, ii);
        FloatVector s01 = FloatVector.fromArray(S, in, ii + L);
        FloatVector s02 = FloatVector.fromArray(S, in, ii + 2 * L);
        FloatVector s03 = FloatVector.fromArray(S, in, ii + 3 * L);
        FloatVector s10 = FloatVector.fromArray(S, in, ii + 4 * L);
        FloatVector s11 = FloatVector.fromArray(S, in, ii + 5 * L);
        FloatVector s12 = FloatVector.fromArray(S, in, ii + 6 * L);
        FloatVector s13 = FloatVector.fromArray(S, in, ii + 7 * L);
        FloatVector s20 = FloatVector.fromArray(S, in, ii + 8 * L);
        FloatVector s21 = FloatVector.fromArray(S, in, ii + 9 * L);
        FloatVector s22 = FloatVector.fromArray(S, in, ii + 10 * L);
        FloatVector s23 = FloatVector.fromArray(S, in, ii + 11 * L);
        FloatVector s30 = FloatVector.fromArray(S, in, ii + 12 * L);
        FloatVector s31 = FloatVector.fromArray(S, in, ii + 13 * L);
        FloatVector s32 = FloatVector.fromArray(S, in, ii + 14 * L);
        FloatVector s33 = FloatVector.fromArray(S, in, ii + 15 * L);
        FloatVector s40 = FloatVector.fromArray(S, in, ii + 16 * L);
        FloatVector s41 = FloatVector.fromArray(S, in, ii + 17 * L);
        FloatVector s42 = FloatVector.fromArray(S, in, ii + 18 * L);
        FloatVector s43 = FloatVector.fromArray(S, in, ii + 19 * L);
        FloatVector s50 = FloatVector.fromArray(S, in, ii + 20 * L);
        FloatVector s51 = FloatVector.fromArray(S, in, ii + 21 * L);
        FloatVector s52 = FloatVector.fromArray(S, in, ii + 22 * L);
        FloatVector s53 = FloatVector.fromArray(S, in, ii + 23 * L);
        for (int p = 0; p < kcb; p++, ai += 6, bi += bStride) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * L);
            FloatVector x = FloatVector.broadcast(S, pa[ai]);
            s00 = b0.fma(x, s00);
            s01 = b1.fma(x, s01);
            s02 = b2.fma(x, s02);
            s03 = b3.fma(x, s03);
            x = FloatVector.broadcast(S, pa[ai + 1]);
            s10 = b0.fma(x, s10);
            s11 = b1.fma(x, s11);
            s12 = b2.fma(x, s12);
            s13 = b3.fma(x, s13);
            x = FloatVector.broadcast(S, pa[ai + 2]);
            s20 = b0.fma(x, s20);
            s21 = b1.fma(x, s21);
            s22 = b2.fma(x, s22);
            s23 = b3.fma(x, s23);
            x = FloatVector.broadcast(S, pa[ai + 3]);
            s30 = b0.fma(x, s30);
            s31 = b1.fma(x, s31);
            s32 = b2.fma(x, s32);
            s33 = b3.fma(x, s33);
            x = FloatVector.broadcast(S, pa[ai + 4]);
            s40 = b0.fma(x, s40);
            s41 = b1.fma(x, s41);
            s42 = b2.fma(x, s42);
            s43 = b3.fma(x, s43);
            x = FloatVector.broadcast(S, pa[ai + 5]);
            s50 = b0.fma(x, s50);
            s51 = b1.fma(x, s51);
            s52 = b2.fma(x, s52);
            s53 = b3.fma(x, s53);
        }
        s00.intoArray(out, oi);
        s01.intoArray(out, oi + L);
        s02.intoArray(out, oi + 2 * L);
        s03.intoArray(out, oi + 3 * L);
        s10.intoArray(out, oi + outStride);
        s11.intoArray(out, oi + outStride + L);
        s12.intoArray(out, oi + outStride + 2 * L);
        s13.intoArray(out, oi + outStride + 3 * L);
        s20.intoArray(out, oi + 2 * outStride);
        s21.intoArray(out, oi + 2 * outStride + L);
        s22.intoArray(out, oi + 2 * outStride + 2 * L);
        s23.intoArray(out, oi + 2 * outStride + 3 * L);
        s30.intoArray(out, oi + 3 * outStride);
        s31.intoArray(out, oi + 3 * outStride + L);
        s32.intoArray(out, oi + 3 * outStride + 2 * L);
        s33.intoArray(out, oi + 3 * outStride + 3 * L);
        s40.intoArray(out, oi + 4 * outStride);
        s41.intoArray(out, oi + 4 * outStride + L);
        s42.intoArray(out, oi + 4 * outStride + 2 * L);
        s43.intoArray(out, oi + 4 * outStride + 3 * L);
        s50.intoArray(out, oi + 5 * outStride);
        s51.intoArray(out, oi + 5 * outStride + L);
        s52.intoArray(out, oi + 5 * outStride + 2 * L);
        s53.intoArray(out, oi + 5 * outStride + 3 * L);
    }

    /**
     * {@link #kernel6x4} for a last row panel of at most four rows (m mod 6 from 1 to 4): the first
     * four rows of a six-row panel of A, whose stride per p stays 6, so 16 sums instead of 24, and a
     * panel of exactly four rows goes straight into C. Against six rows of which two or more are
     * padding, NN 16×3200×150 (LeNet-5's second convolution) ran 7–11% faster, NN 32×120×400 and
     * 16×32768×144 4%, in one JVM (theory/autograd.md, "A four-row last panel").
     */
    private static void kernel4x4(float[] pa, int ai, float[] b, int bi, int bStride, int kcb,
                                  float[] in, int ii, float[] out, int oi, int outStride) {
        FloatVector s00 = FloatVector.fromArray(S, in, ii);
        FloatVector s01 = FloatVector.fromArray(S, in, ii + L);
        FloatVector s02 = FloatVector.fromArray(S, in, ii + 2 * L);
        FloatVector s03 = FloatVector.fromArray(S, in, ii + 3 * L);
        FloatVector s10 = FloatVector.fromArray(S, in, ii + 4 * L);
        FloatVector s11 = FloatVector.fromArray(S, in, ii + 5 * L);
        FloatVector s12 = FloatVector.fromArray(S, in, ii + 6 * L);
        FloatVector s13 = FloatVector.fromArray(S, in, ii + 7 * L);
        FloatVector s20 = FloatVector.fromArray(S, in, ii + 8 * L);
        FloatVector s21 = FloatVector.fromArray(S, in, ii + 9 * L);
        FloatVector s22 = FloatVector.fromArray(S, in, ii + 10 * L);
        FloatVector s23 = FloatVector.fromArray(S, in, ii + 11 * L);
        FloatVector s30 = FloatVector.fromArray(S, in, ii + 12 * L);
        FloatVector s31 = FloatVector.fromArray(S, in, ii + 13 * L);
        FloatVector s32 = FloatVector.fromArray(S, in, ii + 14 * L);
        FloatVector s33 = FloatVector.fromArray(S, in, ii + 15 * L);
        for (int p = 0; p < kcb; p++, ai += 6, bi += bStride) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * L);
            FloatVector x = FloatVector.broadcast(S, pa[ai]);
            s00 = b0.fma(x, s00);
            s01 = b1.fma(x, s01);
            s02 = b2.fma(x, s02);
            s03 = b3.fma(x, s03);
            x = FloatVector.broadcast(S, pa[ai + 1]);
            s10 = b0.fma(x, s10);
            s11 = b1.fma(x, s11);
            s12 = b2.fma(x, s12);
            s13 = b3.fma(x, s13);
            x = FloatVector.broadcast(S, pa[ai + 2]);
            s20 = b0.fma(x, s20);
            s21 = b1.fma(x, s21);
            s22 = b2.fma(x, s22);
            s23 = b3.fma(x, s23);
            x = FloatVector.broadcast(S, pa[ai + 3]);
            s30 = b0.fma(x, s30);
            s31 = b1.fma(x, s31);
            s32 = b2.fma(x, s32);
            s33 = b3.fma(x, s33);
        }
        s00.intoArray(out, oi);
        s01.intoArray(out, oi + L);
        s02.intoArray(out, oi + 2 * L);
        s03.intoArray(out, oi + 3 * L);
        s10.intoArray(out, oi + outStride);
        s11.intoArray(out, oi + outStride + L);
        s12.intoArray(out, oi + outStride + 2 * L);
        s13.intoArray(out, oi + outStride + 3 * L);
        s20.intoArray(out, oi + 2 * outStride);
        s21.intoArray(out, oi + 2 * outStride + L);
        s22.intoArray(out, oi + 2 * outStride + 2 * L);
        s23.intoArray(out, oi + 2 * outStride + 3 * L);
        s30.intoArray(out, oi + 3 * outStride);
        s31.intoArray(out, oi + 3 * outStride + L);
        s32.intoArray(out, oi + 3 * outStride + 2 * L);
        s33.intoArray(out, oi + 3 * outStride + 3 * L);
    }

    /** {@link #kernel4x4} on a packed B panel, as {@link #kernel6x4Packed}. */
    private static void kernel4x4Packed(float[] pa, int ai, float[] b, int bi, int kcb,
                                        float[] in, int ii, float[] out, int oi, int outStride) {
        FloatVector s00 = FloatVector.fromArray(S, in, ii);
        FloatVector s01 = FloatVector.fromArray(S, in, ii + L);
        FloatVector s02 = FloatVector.fromArray(S, in, ii + 2 * L);
        FloatVector s03 = FloatVector.fromArray(S, in, ii + 3 * L);
        FloatVector s10 = FloatVector.fromArray(S, in, ii + 4 * L);
        FloatVector s11 = FloatVector.fromArray(S, in, ii + 5 * L);
        FloatVector s12 = FloatVector.fromArray(S, in, ii + 6 * L);
        FloatVector s13 = FloatVector.fromArray(S, in, ii + 7 * L);
        FloatVector s20 = FloatVector.fromArray(S, in, ii + 8 * L);
        FloatVector s21 = FloatVector.fromArray(S, in, ii + 9 * L);
        FloatVector s22 = FloatVector.fromArray(S, in, ii + 10 * L);
        FloatVector s23 = FloatVector.fromArray(S, in, ii + 11 * L);
        FloatVector s30 = FloatVector.fromArray(S, in, ii + 12 * L);
        FloatVector s31 = FloatVector.fromArray(S, in, ii + 13 * L);
        FloatVector s32 = FloatVector.fromArray(S, in, ii + 14 * L);
        FloatVector s33 = FloatVector.fromArray(S, in, ii + 15 * L);
        for (int p = 0; p < kcb; p++) {
            int a0 = ai + 6 * p;
            int b0i = bi + 4 * L * p;
            FloatVector b0 = FloatVector.fromArray(S, b, b0i);
            FloatVector b1 = FloatVector.fromArray(S, b, b0i + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, b, b0i + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, b0i + 3 * L);
            FloatVector x = FloatVector.broadcast(S, pa[a0]);
            s00 = b0.fma(x, s00);
            s01 = b1.fma(x, s01);
            s02 = b2.fma(x, s02);
            s03 = b3.fma(x, s03);
            x = FloatVector.broadcast(S, pa[a0 + 1]);
            s10 = b0.fma(x, s10);
            s11 = b1.fma(x, s11);
            s12 = b2.fma(x, s12);
            s13 = b3.fma(x, s13);
            x = FloatVector.broadcast(S, pa[a0 + 2]);
            s20 = b0.fma(x, s20);
            s21 = b1.fma(x, s21);
            s22 = b2.fma(x, s22);
            s23 = b3.fma(x, s23);
            x = FloatVector.broadcast(S, pa[a0 + 3]);
            s30 = b0.fma(x, s30);
            s31 = b1.fma(x, s31);
            s32 = b2.fma(x, s32);
            s33 = b3.fma(x, s33);
        }
        s00.intoArray(out, oi);
        s01.intoArray(out, oi + L);
        s02.intoArray(out, oi + 2 * L);
        s03.intoArray(out, oi + 3 * L);
        s10.intoArray(out, oi + outStride);
        s11.intoArray(out, oi + outStride + L);
        s12.intoArray(out, oi + outStride + 2 * L);
        s13.intoArray(out, oi + outStride + 3 * L);
        s20.intoArray(out, oi + 2 * outStride);
        s21.intoArray(out, oi + 2 * outStride + L);
        s22.intoArray(out, oi + 2 * outStride + 2 * L);
        s23.intoArray(out, oi + 2 * outStride + 3 * L);
        s30.intoArray(out, oi + 3 * outStride);
        s31.intoArray(out, oi + 3 * outStride + L);
        s32.intoArray(out, oi + 3 * outStride + 2 * L);
        s33.intoArray(out, oi + 3 * outStride + 3 * L);
    }

    /**
     * {@link #kernel6x4} on a packed B panel (rows NR = 4 vectors apart). Every index is a constant
     * multiple of p plus a constant, so the JIT checks the array bounds once before the loop
     * instead of at each of the step's four loads (with a run-time stride it checks every load,
     * which took about a sixth of a LeNet-5 training step).
     */
    private static void kernel6x4Packed(float[] pa, int ai, float[] b, int bi, int kcb,
                                        float[] in, int ii, float[] out, int oi, int outStride) {
        FloatVector s00 = FloatVector.fromArray(S, in, ii);
        FloatVector s01 = FloatVector.fromArray(S, in, ii + L);
        FloatVector s02 = FloatVector.fromArray(S, in, ii + 2 * L);
        FloatVector s03 = FloatVector.fromArray(S, in, ii + 3 * L);
        FloatVector s10 = FloatVector.fromArray(S, in, ii + 4 * L);
        FloatVector s11 = FloatVector.fromArray(S, in, ii + 5 * L);
        FloatVector s12 = FloatVector.fromArray(S, in, ii + 6 * L);
        FloatVector s13 = FloatVector.fromArray(S, in, ii + 7 * L);
        FloatVector s20 = FloatVector.fromArray(S, in, ii + 8 * L);
        FloatVector s21 = FloatVector.fromArray(S, in, ii + 9 * L);
        FloatVector s22 = FloatVector.fromArray(S, in, ii + 10 * L);
        FloatVector s23 = FloatVector.fromArray(S, in, ii + 11 * L);
        FloatVector s30 = FloatVector.fromArray(S, in, ii + 12 * L);
        FloatVector s31 = FloatVector.fromArray(S, in, ii + 13 * L);
        FloatVector s32 = FloatVector.fromArray(S, in, ii + 14 * L);
        FloatVector s33 = FloatVector.fromArray(S, in, ii + 15 * L);
        FloatVector s40 = FloatVector.fromArray(S, in, ii + 16 * L);
        FloatVector s41 = FloatVector.fromArray(S, in, ii + 17 * L);
        FloatVector s42 = FloatVector.fromArray(S, in, ii + 18 * L);
        FloatVector s43 = FloatVector.fromArray(S, in, ii + 19 * L);
        FloatVector s50 = FloatVector.fromArray(S, in, ii + 20 * L);
        FloatVector s51 = FloatVector.fromArray(S, in, ii + 21 * L);
        FloatVector s52 = FloatVector.fromArray(S, in, ii + 22 * L);
        FloatVector s53 = FloatVector.fromArray(S, in, ii + 23 * L);
        for (int p = 0; p < kcb; p++) {
            int a0 = ai + 6 * p;
            int b0i = bi + 4 * L * p;
            FloatVector b0 = FloatVector.fromArray(S, b, b0i);
            FloatVector b1 = FloatVector.fromArray(S, b, b0i + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, b, b0i + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, b0i + 3 * L);
            FloatVector x = FloatVector.broadcast(S, pa[a0]);
            s00 = b0.fma(x, s00);
            s01 = b1.fma(x, s01);
            s02 = b2.fma(x, s02);
            s03 = b3.fma(x, s03);
            x = FloatVector.broadcast(S, pa[a0 + 1]);
            s10 = b0.fma(x, s10);
            s11 = b1.fma(x, s11);
            s12 = b2.fma(x, s12);
            s13 = b3.fma(x, s13);
            x = FloatVector.broadcast(S, pa[a0 + 2]);
            s20 = b0.fma(x, s20);
            s21 = b1.fma(x, s21);
            s22 = b2.fma(x, s22);
            s23 = b3.fma(x, s23);
            x = FloatVector.broadcast(S, pa[a0 + 3]);
            s30 = b0.fma(x, s30);
            s31 = b1.fma(x, s31);
            s32 = b2.fma(x, s32);
            s33 = b3.fma(x, s33);
            x = FloatVector.broadcast(S, pa[a0 + 4]);
            s40 = b0.fma(x, s40);
            s41 = b1.fma(x, s41);
            s42 = b2.fma(x, s42);
            s43 = b3.fma(x, s43);
            x = FloatVector.broadcast(S, pa[a0 + 5]);
            s50 = b0.fma(x, s50);
            s51 = b1.fma(x, s51);
            s52 = b2.fma(x, s52);
            s53 = b3.fma(x, s53);
        }
        s00.intoArray(out, oi);
        s01.intoArray(out, oi + L);
        s02.intoArray(out, oi + 2 * L);
        s03.intoArray(out, oi + 3 * L);
        s10.intoArray(out, oi + outStride);
        s11.intoArray(out, oi + outStride + L);
        s12.intoArray(out, oi + outStride + 2 * L);
        s13.intoArray(out, oi + outStride + 3 * L);
        s20.intoArray(out, oi + 2 * outStride);
        s21.intoArray(out, oi + 2 * outStride + L);
        s22.intoArray(out, oi + 2 * outStride + 2 * L);
        s23.intoArray(out, oi + 2 * outStride + 3 * L);
        s30.intoArray(out, oi + 3 * outStride);
        s31.intoArray(out, oi + 3 * outStride + L);
        s32.intoArray(out, oi + 3 * outStride + 2 * L);
        s33.intoArray(out, oi + 3 * outStride + 3 * L);
        s40.intoArray(out, oi + 4 * outStride);
        s41.intoArray(out, oi + 4 * outStride + L);
        s42.intoArray(out, oi + 4 * outStride + 2 * L);
        s43.intoArray(out, oi + 4 * outStride + 3 * L);
        s50.intoArray(out, oi + 5 * outStride);
        s51.intoArray(out, oi + 5 * outStride + L);
        s52.intoArray(out, oi + 5 * outStride + 2 * L);
        s53.intoArray(out, oi + 5 * outStride + 3 * L);
    }

    /**
     * {@link #kernel6x4Packed} for the first row panel of A: it reads a whole panel of B in place
     * (rows {@code ldb} apart from {@code b[src]}, bounds checked load by load) and stores each
     * row's NR values to {@code pb[bi + NR·p]} as it goes, so the other row panels find the panel
     * packed and B is never read in a pass of its own. The stores cost less than that pass: the
     * panel's rows come from L2 or L3 once, during the fma chains, instead of before them.
     */
    private static void kernel6x4PackingB(float[] pa, int ai, float[] b, int src, int ldb, float[] pb, int bi,
                                          int kcb, float[] in, int ii, float[] out, int oi,
                                          int outStride) {
        FloatVector s00 = FloatVector.fromArray(S, in, ii);
        FloatVector s01 = FloatVector.fromArray(S, in, ii + L);
        FloatVector s02 = FloatVector.fromArray(S, in, ii + 2 * L);
        FloatVector s03 = FloatVector.fromArray(S, in, ii + 3 * L);
        FloatVector s10 = FloatVector.fromArray(S, in, ii + 4 * L);
        FloatVector s11 = FloatVector.fromArray(S, in, ii + 5 * L);
        FloatVector s12 = FloatVector.fromArray(S, in, ii + 6 * L);
        FloatVector s13 = FloatVector.fromArray(S, in, ii + 7 * L);
        FloatVector s20 = FloatVector.fromArray(S, in, ii + 8 * L);
        FloatVector s21 = FloatVector.fromArray(S, in, ii + 9 * L);
        FloatVector s22 = FloatVector.fromArray(S, in, ii + 10 * L);
        FloatVector s23 = FloatVector.fromArray(S, in, ii + 11 * L);
        FloatVector s30 = FloatVector.fromArray(S, in, ii + 12 * L);
        FloatVector s31 = FloatVector.fromArray(S, in, ii + 13 * L);
        FloatVector s32 = FloatVector.fromArray(S, in, ii + 14 * L);
        FloatVector s33 = FloatVector.fromArray(S, in, ii + 15 * L);
        FloatVector s40 = FloatVector.fromArray(S, in, ii + 16 * L);
        FloatVector s41 = FloatVector.fromArray(S, in, ii + 17 * L);
        FloatVector s42 = FloatVector.fromArray(S, in, ii + 18 * L);
        FloatVector s43 = FloatVector.fromArray(S, in, ii + 19 * L);
        FloatVector s50 = FloatVector.fromArray(S, in, ii + 20 * L);
        FloatVector s51 = FloatVector.fromArray(S, in, ii + 21 * L);
        FloatVector s52 = FloatVector.fromArray(S, in, ii + 22 * L);
        FloatVector s53 = FloatVector.fromArray(S, in, ii + 23 * L);
        for (int p = 0; p < kcb; p++, src += ldb) {
            int a0 = ai + 6 * p;
            int b0i = bi + 4 * L * p;
            FloatVector b0 = FloatVector.fromArray(S, b, src);
            FloatVector b1 = FloatVector.fromArray(S, b, src + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, b, src + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, src + 3 * L);
            b0.intoArray(pb, b0i);
            b1.intoArray(pb, b0i + 1 * L);
            b2.intoArray(pb, b0i + 2 * L);
            b3.intoArray(pb, b0i + 3 * L);
            FloatVector x = FloatVector.broadcast(S, pa[a0]);
            s00 = b0.fma(x, s00);
            s01 = b1.fma(x, s01);
            s02 = b2.fma(x, s02);
            s03 = b3.fma(x, s03);
            x = FloatVector.broadcast(S, pa[a0 + 1]);
            s10 = b0.fma(x, s10);
            s11 = b1.fma(x, s11);
            s12 = b2.fma(x, s12);
            s13 = b3.fma(x, s13);
            x = FloatVector.broadcast(S, pa[a0 + 2]);
            s20 = b0.fma(x, s20);
            s21 = b1.fma(x, s21);
            s22 = b2.fma(x, s22);
            s23 = b3.fma(x, s23);
            x = FloatVector.broadcast(S, pa[a0 + 3]);
            s30 = b0.fma(x, s30);
            s31 = b1.fma(x, s31);
            s32 = b2.fma(x, s32);
            s33 = b3.fma(x, s33);
            x = FloatVector.broadcast(S, pa[a0 + 4]);
            s40 = b0.fma(x, s40);
            s41 = b1.fma(x, s41);
            s42 = b2.fma(x, s42);
            s43 = b3.fma(x, s43);
            x = FloatVector.broadcast(S, pa[a0 + 5]);
            s50 = b0.fma(x, s50);
            s51 = b1.fma(x, s51);
            s52 = b2.fma(x, s52);
            s53 = b3.fma(x, s53);
        }
        s00.intoArray(out, oi);
        s01.intoArray(out, oi + L);
        s02.intoArray(out, oi + 2 * L);
        s03.intoArray(out, oi + 3 * L);
        s10.intoArray(out, oi + outStride);
        s11.intoArray(out, oi + outStride + L);
        s12.intoArray(out, oi + outStride + 2 * L);
        s13.intoArray(out, oi + outStride + 3 * L);
        s20.intoArray(out, oi + 2 * outStride);
        s21.intoArray(out, oi + 2 * outStride + L);
        s22.intoArray(out, oi + 2 * outStride + 2 * L);
        s23.intoArray(out, oi + 2 * outStride + 3 * L);
        s30.intoArray(out, oi + 3 * outStride);
        s31.intoArray(out, oi + 3 * outStride + L);
        s32.intoArray(out, oi + 3 * outStride + 2 * L);
        s33.intoArray(out, oi + 3 * outStride + 3 * L);
        s40.intoArray(out, oi + 4 * outStride);
        s41.intoArray(out, oi + 4 * outStride + L);
        s42.intoArray(out, oi + 4 * outStride + 2 * L);
        s43.intoArray(out, oi + 4 * outStride + 3 * L);
        s50.intoArray(out, oi + 5 * outStride);
        s51.intoArray(out, oi + 5 * outStride + L);
        s52.intoArray(out, oi + 5 * outStride + 2 * L);
        s53.intoArray(out, oi + 5 * outStride + 3 * L);
    }

    // ---------------------------------------------------------------------------------------------
    // The pair tile (16-lane vectors, Intel cores)

    /** Whether this machine's vectors have the 16 lanes the pair tile is written for. */
    static final boolean PAIRS_POSSIBLE = L == 16;
    /** Rows and columns of the pair tile: 12 pairs of rows by one vector of columns. */
    static final int PAIR_MR = 24;
    static final int PAIR_NR = 16;
    /**
     * The pair tile on an Intel core: for products with A transposed from 768 rows of C, with
     * kc = 256 and mc = 384. Alternating with the 6 × 4 tile and OpenBLAS in one JVM
     * (peerlearn.bench.GemmTileVersus, figures in theory/autograd.md, "The pair tile" and "Sums
     * parked off C") it ran TN 768³, 1024³ and 2048³ 1–3% faster than the 6 × 4 tile, whose
     * packing of Aᵀ costs more than its own (a copy of A's rows). With A untransposed it is now
     * behind: NN 768³ 5%, NN 1024³ and 2048³ 1–3%, NT a tie. It had been ahead by 2–10% while the
     * 6 × 4 tile kept its running sums in C between k-blocks; most of its gain was its sums kept
     * off C. Below 768 rows it won some and lost some (NN 600³ +6%, 576³ −2%, 512³ −3% twice) and
     * lost at 256³ (−6%): the packing of B, twice its size here, weighs more on small products, and
     * a 24-row tile pads 512 rows to 528.
     */
    static final int PAIR_FROM_ROWS = 768;
    private static final int PAIR_KC = 256;
    private static final int PAIR_MC = 384;

    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_512;
    /** Lanes (0, 0, 2, 2, …, 14, 14) and (1, 1, 3, 3, …, 15, 15) of one vector of B's row. */
    private static final VectorShuffle<Float> EVEN_TWICE;
    private static final VectorShuffle<Float> ODD_TWICE;
    /**
     * Two-vector selections from a pair of sums (e, o) back to the tile's rows (r, r + 1):
     * EVEN_PAIRS takes lane l of e where l is even and lane l − 1 of o where it is odd,
     * ODD_PAIRS lane l + 1 of e and lane l of o.
     */
    private static final FloatVector EVEN_PAIRS;
    private static final FloatVector ODD_PAIRS;

    static {
        if (PAIRS_POSSIBLE) {
            int[] even = new int[L];
            int[] odd = new int[L];
            float[] evenPairs = new float[L];
            float[] oddPairs = new float[L];
            for (int l = 0; l < L; l++) {
                even[l] = l & ~1;
                odd[l] = l | 1;
                evenPairs[l] = l % 2 == 0 ? l : L + l - 1;
                oddPairs[l] = l % 2 == 0 ? l + 1 : L + l;
            }
            EVEN_TWICE = VectorShuffle.fromArray(S, even, 0);
            ODD_TWICE = VectorShuffle.fromArray(S, odd, 0);
            EVEN_PAIRS = FloatVector.fromArray(S, evenPairs, 0);
            ODD_PAIRS = FloatVector.fromArray(S, oddPairs, 0);
        } else {
            EVEN_TWICE = null;
            ODD_TWICE = null;
            EVEN_PAIRS = null;
            ODD_PAIRS = null;
        }
    }

    /**
     * The product with the pair tile: 24 rows by 16 columns of C in 24 running sums, the tile of
     * OpenBLAS's SkylakeX kernel seen from row-major C. Each step p loads two vectors of B's row,
     * its even columns each twice, (b0, b0, b2, b2, …), and its odd ones, (b1, b1, b3, b3, …),
     * both packed so beforehand, and broadcasts A's 24 values in pairs, one 64-bit load giving
     * (a_r, a_r+1, a_r, a_r+1, …): sum e of the pair (r, r + 1) gathers c_r,0, c_r+1,0, c_r,2, …
     * and sum o the odd columns. That is 14 loads per 24 fma, 12 of them 8-byte broadcasts,
     * against the 6 × 4 tile's 10 with four 64-byte vectors: on an Intel core whose loads bind
     * before its fma units do (theory/autograd.md) this tile ran its sweep at 170–223 GFLOP/s from
     * L1 against 151–175. Each c_ij is still one fma chain over p from zero, so the bits are the
     * twin's.
     *
     * <p>The loop nest is the 6 × 4 tile's (Goto's, in the class comment) with its own packing:
     * op(B) into 16-column panels of 32 floats per p ({@link #packBPairs}) and op(A) into 24-row
     * panels of 12 longs per p ({@link #packAPairs}). It runs for m ≥ pairFrom only (in production,
     * with A transposed only; see {@link #PAIR_FROM_ROWS}): a 24-row tile pads 32 rows to 48, and
     * B is never read in place.
     */
    private void sgemmPairs(boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc, GemmWorkspace ws) {
        int mcP = pairMc;
        int ncP = Math.max(PAIR_NR, nc / PAIR_NR * PAIR_NR);
        int kBlocks = (k + pairKc - 1) / pairKc;
        int kcMax = (k + kBlocks - 1) / kBlocks;
        int ncMax = Math.min(ncP, roundUp(n, PAIR_NR));
        int mcMax = Math.min(mcP, roundUp(m, PAIR_MR));
        long[] pa = ws.packedPairs(mcMax / 2 * roundUp(kcMax, 2));
        float[] pb = ws.packedB(2 * roundUp(kcMax, 2) * ncMax);
        int lead = ws.packedBLead();
        // op(B) in plain 16-column panels before its values are doubled (transposed or ragged B),
        // then each panel of A as floats before it becomes pairs
        float[] plain = ws.packedA(Math.max(kcMax * ncMax, PAIR_MR * roundUp(kcMax, 2)));
        boolean parked = kBlocks > 1;
        int mTiles = roundUp(m, PAIR_MR) / PAIR_MR;
        // the sums in pair form, parked tile after tile, then one tile in rows for finish
        int rowTile = parked ? roundUp(m, PAIR_MR) * ncMax : PAIR_MR * PAIR_NR;
        float[] acc = ws.accumulators(rowTile + PAIR_MR * PAIR_NR);
        for (int jc = 0; jc < n; jc += ncP) {
            int ncb = Math.min(ncP, n - jc);
            int nPanels = (ncb + PAIR_NR - 1) / PAIR_NR;
            for (int pc = 0; pc < k; pc += kcMax) {
                int kcb = Math.min(kcMax, k - pc);
                boolean first = pc == 0;
                boolean last = pc + kcb == k;
                // the kernel takes two steps at a time: an odd k-block gets a step that adds −0
                int steps = roundUp(kcb, 2);
                packBPairs(transB, b, bOff, ldb, pc, kcb, steps, jc, ncb, pb, lead, plain);
                for (int ic = 0; ic < m; ic += mcP) {
                    int mcb = Math.min(mcP, m - ic);
                    int mPanels = (mcb + PAIR_MR - 1) / PAIR_MR;
                    packAPairs(transA, a, aOff, lda, ic, mcb, pc, kcb, steps, pa, plain);
                    for (int jp = 0; jp < nPanels; jp++) {
                        int j0 = jp * PAIR_NR;
                        int cols = Math.min(PAIR_NR, ncb - j0);
                        for (int ip = 0; ip < mPanels; ip++) {
                            int i0 = ip * PAIR_MR;
                            int rows = Math.min(PAIR_MR, mcb - i0);
                            int accI = parked ? (jp * mTiles + (ic + i0) / PAIR_MR) * (PAIR_MR * PAIR_NR) : 0;
                            int ci = cOff + (ic + i0) * ldc + jc + j0;
                            // The sums park in acc in pair form, tile after tile, and only the
                            // last k-block turns them into rows of C. Parked in C itself, whose
                            // 24 rows, 2 KiB apart at n = 512, fall into two of L1's sets, the
                            // kernel's L1 sweep ran at 140–156 GFLOP/s against 178–201.
                            kernel24x16(pa, ip * (PAIR_MR / 2) * steps, pb, lead + jp * 2 * PAIR_NR * steps, steps,
                                    first ? ZERO_TILE : acc, first ? 0 : accI, acc, accI);
                            if (last) {
                                if (rows == PAIR_MR && cols == PAIR_NR && alpha == 1f && beta == 0f) {
                                    unpair(acc, accI, c, ci, ldc);
                                } else {
                                    unpair(acc, accI, acc, rowTile, PAIR_NR);
                                    finish(acc, rowTile, PAIR_NR, c, ci, ldc, rows, cols, alpha, beta);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs op(A)[i0 .. i0+rows, p0 .. p0+kcb) into 24-row panels of pairs: panel q holds at
     * q·12·steps + 12·p + h the rows 24q + 2h (low half) and 24q + 2h + 1 (high half) at column
     * p0 + p, zero past m. Where steps = kcb + 1 the last step holds −0: with B's +0 there it
     * adds (+0)·(−0) = −0 to every sum, which leaves every float as it is, −0 + −0 = −0 and
     * −0 + +0 = +0 among them (a step of +0 would turn a sum of −0, which an underflow can leave,
     * into +0).
     *
     * <p>Each panel is first laid out as floats in {@code panel}, 24 to a step, and then copied
     * into {@code pa} 16 floats (8 pairs) at a time. Both stages use the 16-lane species only: a
     * second float species in the program lets C2 keep other kernels' vectors boxed (models.md),
     * and 8-lane transposes here made a LeNet-5 step allocate 1.6 MB again, now and then.
     */
    private static void packAPairs(boolean transA, float[] a, int aOff, int lda, int i0, int rows,
                                   int p0, int kcb, int steps, long[] pa, float[] panel) {
        for (int q = 0; q * PAIR_MR < rows; q++) {
            int r1 = Math.min(PAIR_MR, rows - q * PAIR_MR);
            int ib = i0 + q * PAIR_MR;
            int p = 0;
            if (transA && r1 == PAIR_MR) {
                // a row of A holds op(A)'s 24 values of one p side by side
                for (int src = aOff + p0 * lda + ib; p < kcb; p++, src += lda) {
                    System.arraycopy(a, src, panel, PAIR_MR * p, PAIR_MR);
                }
            } else if (r1 == PAIR_MR) {
                // rows 0..15 and 8..23 through registers, 16 values of p at a time (rows 8..15 twice)
                int src = aOff + ib * lda + p0;
                for (; p + 16 <= kcb; p += 16) {
                    transpose16(a, src + p, lda, panel, PAIR_MR * p, PAIR_MR, false);
                    transpose16(a, src + 8 * lda + p, lda, panel, PAIR_MR * p + 8, PAIR_MR, false);
                }
            }
            for (; p < kcb; p++) {
                for (int r = 0; r < PAIR_MR; r++) {
                    panel[PAIR_MR * p + r] = r < r1 ? opA(transA, a, aOff, lda, ib + r, p0 + p) : 0f;
                }
            }
            Arrays.fill(panel, PAIR_MR * kcb, PAIR_MR * steps, -0f);
            for (int f = 0, dst = q * (PAIR_MR / 2) * steps, end = PAIR_MR * steps; f < end; f += L, dst += L / 2) {
                FloatVector.fromArray(S, panel, f).reinterpretAsLongs().intoArray(pa, dst);
            }
        }
    }

    private static float opA(boolean transA, float[] a, int aOff, int lda, int i, int p) {
        return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    /**
     * Packs op(B)[p0 .. p0+kcb, j0 .. j0+cols) into 16-column panels for the pair tile: panel q
     * holds at lead + q·32·steps + 32·p the row's even columns each twice, then its odd ones each twice
     * (zero past n, and +0 in a last step past kcb, see {@link #packAPairs}). Whole panels are
     * read from B in place, a ragged last one goes through {@link #packB}'s plain panels in
     * {@code plain} first.
     */
    private static void packBPairs(boolean transB, float[] b, int bOff, int ldb, int p0, int kcb, int steps,
                                   int j0, int cols, float[] pb, int lead, float[] plain) {
        int panels = (cols + PAIR_NR - 1) / PAIR_NR;
        int wholes = cols / PAIR_NR;
        for (int q = 0; transB && q < wholes; q++) {
            // Bᵀ's 16 rows of the panel, transposed and doubled 16 values of p at a time
            int src = bOff + (j0 + q * PAIR_NR) * ldb + p0;
            int dst = lead + q * 2 * PAIR_NR * steps;
            int p = 0;
            for (; p + 16 <= kcb; p += 16) {
                transpose16(b, src + p, ldb, pb, dst + 2 * PAIR_NR * p, 2 * PAIR_NR, true);
            }
            for (; p < kcb; p++) {
                for (int t = 0; t < PAIR_NR; t++) {
                    int at = dst + 2 * PAIR_NR * p + (t % 2 == 0 ? t : PAIR_NR + t - 1);
                    pb[at] = pb[at + 1] = b[src + t * ldb + p];
                }
            }
        }
        for (int q = 0; !transB && q < wholes; q++) {
            for (int p = 0, src = bOff + p0 * ldb + j0 + q * PAIR_NR, dst = lead + q * 2 * PAIR_NR * steps; p < kcb;
                    p++, src += ldb, dst += 2 * PAIR_NR) {
                FloatVector v = FloatVector.fromArray(S, b, src);
                v.rearrange(EVEN_TWICE).intoArray(pb, dst);
                v.rearrange(ODD_TWICE).intoArray(pb, dst + PAIR_NR);
            }
        }
        if (wholes < panels) {
            packB(transB, b, bOff, ldb, p0, kcb, j0 + wholes * PAIR_NR, cols - wholes * PAIR_NR, plain, 0, PAIR_NR, 0);
            for (int q = wholes; q < panels; q++) {
                for (int p = 0, src = (q - wholes) * PAIR_NR * kcb, dst = lead + q * 2 * PAIR_NR * steps; p < kcb;
                        p++, src += PAIR_NR, dst += 2 * PAIR_NR) {
                    FloatVector v = FloatVector.fromArray(S, plain, src);
                    v.rearrange(EVEN_TWICE).intoArray(pb, dst);
                    v.rearrange(ODD_TWICE).intoArray(pb, dst + PAIR_NR);
                }
            }
        }
        if (steps > kcb) {
            for (int q = 0; q < panels; q++) {
                int dst = lead + q * 2 * PAIR_NR * steps + 2 * PAIR_NR * kcb;
                Arrays.fill(pb, dst, dst + 2 * PAIR_NR, 0f);
            }
        }
    }

    /**
     * The pair tile's micro-kernel (see {@link #sgemmPairs}): 24 running sums over an even number
     * kcb of steps p, two steps per pass of the loop (with one step a pass, a ninth of the
     * instructions run the loop: two ran at 170–223 GFLOP/s from L1 against 170–188, and four
     * spilled). The sums start from the pair form in {@code in} at {@code ii}, e₀, o₀, e₁, o₁, …
     * one after another, and leave the same way for {@code out} at {@code oi}. The kernel holds 24
     * sums, four loads of B and three broadcasts, 31 of the 32 registers, and does nothing else:
     * turning rows into pairs and back in here had C2 keep the selections' index vectors in
     * registers across the loop and spill sums (87–114 GFLOP/s for NN 512³ against 158), and a
     * loop for an odd last step made the method too big for C1, whose failure left it slow at tier
     * 2, never reaching C2.
     */
    private static void kernel24x16(long[] pa, int ai, float[] b, int bi, int kcb,
                                    float[] in, int ii, float[] out, int oi) {
        FloatVector e0 = FloatVector.fromArray(S, in, ii + 0);
        FloatVector o0 = FloatVector.fromArray(S, in, ii + 16);
        FloatVector e1 = FloatVector.fromArray(S, in, ii + 32);
        FloatVector o1 = FloatVector.fromArray(S, in, ii + 48);
        FloatVector e2 = FloatVector.fromArray(S, in, ii + 64);
        FloatVector o2 = FloatVector.fromArray(S, in, ii + 80);
        FloatVector e3 = FloatVector.fromArray(S, in, ii + 96);
        FloatVector o3 = FloatVector.fromArray(S, in, ii + 112);
        FloatVector e4 = FloatVector.fromArray(S, in, ii + 128);
        FloatVector o4 = FloatVector.fromArray(S, in, ii + 144);
        FloatVector e5 = FloatVector.fromArray(S, in, ii + 160);
        FloatVector o5 = FloatVector.fromArray(S, in, ii + 176);
        FloatVector e6 = FloatVector.fromArray(S, in, ii + 192);
        FloatVector o6 = FloatVector.fromArray(S, in, ii + 208);
        FloatVector e7 = FloatVector.fromArray(S, in, ii + 224);
        FloatVector o7 = FloatVector.fromArray(S, in, ii + 240);
        FloatVector e8 = FloatVector.fromArray(S, in, ii + 256);
        FloatVector o8 = FloatVector.fromArray(S, in, ii + 272);
        FloatVector e9 = FloatVector.fromArray(S, in, ii + 288);
        FloatVector o9 = FloatVector.fromArray(S, in, ii + 304);
        FloatVector e10 = FloatVector.fromArray(S, in, ii + 320);
        FloatVector o10 = FloatVector.fromArray(S, in, ii + 336);
        FloatVector e11 = FloatVector.fromArray(S, in, ii + 352);
        FloatVector o11 = FloatVector.fromArray(S, in, ii + 368);
        for (int p = 0; p < kcb; p += 2) {
            int a0 = ai + 12 * p;
            int b0 = bi + 32 * p;
            {
                FloatVector be = FloatVector.fromArray(S, b, b0);
                FloatVector bo = FloatVector.fromArray(S, b, b0 + 16);
                FloatVector x0 = LongVector.broadcast(LONGS, pa[a0 + 0]).reinterpretAsFloats();
                e0 = be.fma(x0, e0);
                o0 = bo.fma(x0, o0);
                FloatVector x1 = LongVector.broadcast(LONGS, pa[a0 + 1]).reinterpretAsFloats();
                e1 = be.fma(x1, e1);
                o1 = bo.fma(x1, o1);
                FloatVector x2 = LongVector.broadcast(LONGS, pa[a0 + 2]).reinterpretAsFloats();
                e2 = be.fma(x2, e2);
                o2 = bo.fma(x2, o2);
                FloatVector x3 = LongVector.broadcast(LONGS, pa[a0 + 3]).reinterpretAsFloats();
                e3 = be.fma(x3, e3);
                o3 = bo.fma(x3, o3);
                FloatVector x4 = LongVector.broadcast(LONGS, pa[a0 + 4]).reinterpretAsFloats();
                e4 = be.fma(x4, e4);
                o4 = bo.fma(x4, o4);
                FloatVector x5 = LongVector.broadcast(LONGS, pa[a0 + 5]).reinterpretAsFloats();
                e5 = be.fma(x5, e5);
                o5 = bo.fma(x5, o5);
                FloatVector x6 = LongVector.broadcast(LONGS, pa[a0 + 6]).reinterpretAsFloats();
                e6 = be.fma(x6, e6);
                o6 = bo.fma(x6, o6);
                FloatVector x7 = LongVector.broadcast(LONGS, pa[a0 + 7]).reinterpretAsFloats();
                e7 = be.fma(x7, e7);
                o7 = bo.fma(x7, o7);
                FloatVector x8 = LongVector.broadcast(LONGS, pa[a0 + 8]).reinterpretAsFloats();
                e8 = be.fma(x8, e8);
                o8 = bo.fma(x8, o8);
                FloatVector x9 = LongVector.broadcast(LONGS, pa[a0 + 9]).reinterpretAsFloats();
                e9 = be.fma(x9, e9);
                o9 = bo.fma(x9, o9);
                FloatVector x10 = LongVector.broadcast(LONGS, pa[a0 + 10]).reinterpretAsFloats();
                e10 = be.fma(x10, e10);
                o10 = bo.fma(x10, o10);
                FloatVector x11 = LongVector.broadcast(LONGS, pa[a0 + 11]).reinterpretAsFloats();
                e11 = be.fma(x11, e11);
                o11 = bo.fma(x11, o11);
            }
            {
                FloatVector be = FloatVector.fromArray(S, b, b0 + 32);
                FloatVector bo = FloatVector.fromArray(S, b, b0 + 32 + 16);
                FloatVector x0 = LongVector.broadcast(LONGS, pa[a0 + 12 + 0]).reinterpretAsFloats();
                e0 = be.fma(x0, e0);
                o0 = bo.fma(x0, o0);
                FloatVector x1 = LongVector.broadcast(LONGS, pa[a0 + 12 + 1]).reinterpretAsFloats();
                e1 = be.fma(x1, e1);
                o1 = bo.fma(x1, o1);
                FloatVector x2 = LongVector.broadcast(LONGS, pa[a0 + 12 + 2]).reinterpretAsFloats();
                e2 = be.fma(x2, e2);
                o2 = bo.fma(x2, o2);
                FloatVector x3 = LongVector.broadcast(LONGS, pa[a0 + 12 + 3]).reinterpretAsFloats();
                e3 = be.fma(x3, e3);
                o3 = bo.fma(x3, o3);
                FloatVector x4 = LongVector.broadcast(LONGS, pa[a0 + 12 + 4]).reinterpretAsFloats();
                e4 = be.fma(x4, e4);
                o4 = bo.fma(x4, o4);
                FloatVector x5 = LongVector.broadcast(LONGS, pa[a0 + 12 + 5]).reinterpretAsFloats();
                e5 = be.fma(x5, e5);
                o5 = bo.fma(x5, o5);
                FloatVector x6 = LongVector.broadcast(LONGS, pa[a0 + 12 + 6]).reinterpretAsFloats();
                e6 = be.fma(x6, e6);
                o6 = bo.fma(x6, o6);
                FloatVector x7 = LongVector.broadcast(LONGS, pa[a0 + 12 + 7]).reinterpretAsFloats();
                e7 = be.fma(x7, e7);
                o7 = bo.fma(x7, o7);
                FloatVector x8 = LongVector.broadcast(LONGS, pa[a0 + 12 + 8]).reinterpretAsFloats();
                e8 = be.fma(x8, e8);
                o8 = bo.fma(x8, o8);
                FloatVector x9 = LongVector.broadcast(LONGS, pa[a0 + 12 + 9]).reinterpretAsFloats();
                e9 = be.fma(x9, e9);
                o9 = bo.fma(x9, o9);
                FloatVector x10 = LongVector.broadcast(LONGS, pa[a0 + 12 + 10]).reinterpretAsFloats();
                e10 = be.fma(x10, e10);
                o10 = bo.fma(x10, o10);
                FloatVector x11 = LongVector.broadcast(LONGS, pa[a0 + 12 + 11]).reinterpretAsFloats();
                e11 = be.fma(x11, e11);
                o11 = bo.fma(x11, o11);
            }
        }
        e0.intoArray(out, oi + 0);
        o0.intoArray(out, oi + 16);
        e1.intoArray(out, oi + 32);
        o1.intoArray(out, oi + 48);
        e2.intoArray(out, oi + 64);
        o2.intoArray(out, oi + 80);
        e3.intoArray(out, oi + 96);
        o3.intoArray(out, oi + 112);
        e4.intoArray(out, oi + 128);
        o4.intoArray(out, oi + 144);
        e5.intoArray(out, oi + 160);
        o5.intoArray(out, oi + 176);
        e6.intoArray(out, oi + 192);
        o6.intoArray(out, oi + 208);
        e7.intoArray(out, oi + 224);
        o7.intoArray(out, oi + 240);
        e8.intoArray(out, oi + 256);
        o8.intoArray(out, oi + 272);
        e9.intoArray(out, oi + 288);
        o9.intoArray(out, oi + 304);
        e10.intoArray(out, oi + 320);
        o10.intoArray(out, oi + 336);
        e11.intoArray(out, oi + 352);
        o11.intoArray(out, oi + 368);
    }

    /**
     * Writes the pair-form tile at {@code t[ti]} (see {@link #kernel24x16}) as 24 rows of 16 to
     * {@code c[ci]}, rows {@code ldc} apart: row 2h takes the even lanes of e_h and o_h
     * alternately, row 2h + 1 their odd lanes.
     */
    private static void unpair(float[] t, int ti, float[] c, int ci, int ldc) {
        for (int h = 0; h < PAIR_MR / 2; h++, ti += 2 * PAIR_NR, ci += 2 * ldc) {
            FloatVector e = FloatVector.fromArray(S, t, ti);
            FloatVector o = FloatVector.fromArray(S, t, ti + PAIR_NR);
            EVEN_PAIRS.selectFrom(e, o).intoArray(c, ci);
            ODD_PAIRS.selectFrom(e, o).intoArray(c, ci + ldc);
        }
    }

    /**
     * Writes the first {@code rows}×{@code cols} sums of the tile at {@code t[ti]} to C:
     * α·s, or fma(β, c, α·s) when β ≠ 0 — {@link ScalarGemm#finish} lane by lane.
     */
    private static void finish(float[] t, int ti, int nr, float[] c, int ci, int ldc, int rows, int cols,
                               float alpha, float beta) {
        FloatVector av = FloatVector.broadcast(S, alpha);
        FloatVector bv = FloatVector.broadcast(S, beta);
        for (int r = 0; r < rows; r++, ti += nr, ci += ldc) {
            int j = 0;
            for (; j + L <= cols; j += L) {
                FloatVector v = FloatVector.fromArray(S, t, ti + j).mul(av);
                if (beta != 0f) {
                    v = FloatVector.fromArray(S, c, ci + j).fma(bv, v);
                }
                v.intoArray(c, ci + j);
            }
            // The ragged end of a row in scalar code: masked vector stores that reach past the end
            // of C take a slow path in the JDK that costs more than the whole micro-kernel.
            for (; j < cols; j++) {
                c[ci + j] = ScalarGemm.finish(t[ti + j], alpha, beta, c[ci + j]);
            }
        }
    }
}
