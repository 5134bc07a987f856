/**
 * The figures of a benchmark run and the table they are printed in: percentiles that count
 * unfinished messages, rates, shares of a limit, and goals beside them.
 */
package io.mailgw.bench.report;
