/**
 * The reachable state graph of a model, independent of TLC: {@link
 * org.vfiomc.checker.explore.StateGraph} (states as {@code TlaValue} maps, initial states, edges
 * labelled with an action name and its parameter values) and its file form {@link
 * org.vfiomc.checker.explore.GraphCodec} (how the forked exploring JVM hands the graph back).
 *
 * <p>Invariants: nodes are distinct states, or with a VIEW in the model's cfg distinct view values
 * (RxDma's view drops the history variable {@code action}, halving the graph); every edge still
 * names the full successor state TLC computed, so a path written out is a behaviour with every
 * variable; an edge {@code (from, label, to)} occurs once; every state is reachable from an initial
 * state; the order of states and edges is the exploration's BFS order, so it is deterministic.
 */
package org.vfiomc.checker.explore;
