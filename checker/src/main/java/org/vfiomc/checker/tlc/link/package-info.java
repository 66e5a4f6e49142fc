/**
 * The typed protocol between the checker and its forked TLC processes: {@link
 * org.vfiomc.checker.tlc.link.ChildMessage} (one record per message kind), written one JSON line
 * each by {@link org.vfiomc.checker.tlc.link.LinkWriter} (Jackson streaming only, to keep the
 * child's start-up cheap) and read by {@link org.vfiomc.checker.tlc.link.ChildLink}, which checks
 * every field and names the line and field of the first bad one; {@link
 * org.vfiomc.checker.tlc.link.ChildExit} holds the exploring child's exit statuses; {@link
 * org.vfiomc.checker.tlc.link.ParentLink} names the parent and the work directory a child removes
 * when it is orphaned, and {@link org.vfiomc.checker.tlc.link.ParentWatch}, started first by every
 * child (TLC, explorer and SANY), notices that and halts; {@link
 * org.vfiomc.checker.tlc.link.ModuleSearch} is the module search path both sides agree on.
 *
 * <p>Invariants: no TLC types; the outcome travels in the internal form of {@link
 * org.vfiomc.checker.result.OutcomeJson} (error kinds, model values tagged).
 */
package org.vfiomc.checker.tlc.link;
