// Import cycles in a graph from importGraph.mjs. Tarjan's algorithm finds every strongly connected
// group of files; for each group we print one shortest cycle, so the fix is obvious, and the size
// of the group, so nobody thinks one edit removed the whole knot.

/** Strongly connected components with a cycle (more than one file, or a file importing itself). */
export function tangledGroups(graph) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const groups = [];
  // Iterative, so a long import chain cannot overflow the call stack.
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work = [[start, 0]];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const [node, i] = frame;
      const edges = graph.get(node) ?? [];
      if (i < edges.length) {
        frame[1]++;
        const next = edges[i].to;
        if (!graph.has(next)) continue;
        if (!index.has(next)) {
          index.set(next, counter);
          low.set(next, counter++);
          stack.push(next);
          onStack.add(next);
          work.push([next, 0]);
        } else if (onStack.has(next)) {
          low.set(node, Math.min(low.get(node), index.get(next)));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(node)));
      }
      if (low.get(node) === index.get(node)) {
        const group = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          group.push(member);
        } while (member !== node);
        const selfLoop = (graph.get(node) ?? []).some((e) => e.to === node);
        if (group.length > 1 || selfLoop) groups.push(group.sort());
      }
    }
  }
  return groups;
}

/** One shortest cycle through the group's first file, as a list of edges. */
export function shortestCycle(graph, group) {
  const members = new Set(group);
  const start = group[0];
  const via = new Map();
  const queue = [start];
  const seen = new Set([start]);
  while (queue.length) {
    const node = queue.shift();
    for (const edge of graph.get(node) ?? []) {
      if (!members.has(edge.to)) continue;
      if (edge.to === start) {
        const path = [{ from: node, ...edge }];
        for (let at = node; at !== start;) {
          const step = via.get(at);
          path.unshift(step);
          at = step.from;
        }
        return path;
      }
      if (seen.has(edge.to)) continue;
      seen.add(edge.to);
      via.set(edge.to, { from: node, ...edge });
      queue.push(edge.to);
    }
  }
  return [];
}

/** A readable report line per cycle: `a.ts → b.ts (type) → a.ts`. */
export function describeCycles(graph) {
  return tangledGroups(graph).map((group) => {
    const cycle = shortestCycle(graph, group);
    const hops = cycle.map((e) => ` → ${e.to}${e.typeOnly ? ' (type)' : ''}`).join('');
    const more = group.length > cycle.length ? ` [${group.length} files tied together: ${group.join(', ')}]` : '';
    return `${group[0]}${hops}${more}`;
  });
}
