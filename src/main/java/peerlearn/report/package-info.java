/**
 * Charts and the self-contained HTML report of a run or a comparison, written as inline SVG by
 * hand, with no dependency: line charts (accuracy against rounds and bytes, consensus distance on
 * a log axis), per-agent strip charts, and the topology drawn with its edge weights.
 */
package peerlearn.report;
