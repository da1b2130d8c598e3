package dev.stalewatch.snapshot.domain;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The classes that ACTIVE edges cut a stage's hashes into (connected components). A class is
 * named by one of its members, chosen deterministically (the smallest hash), so two runs over the
 * same data agree.
 */
public final class EquivalenceClasses {

    private final Map<String, String> parent = new HashMap<>();

    public EquivalenceClasses(Collection<String> hashes, Collection<HashPair> activeEdges) {
        hashes.forEach(h -> parent.put(h, h));
        for (HashPair edge : activeEdges) {
            union(edge.oldHash(), edge.newHash());
        }
    }

    /** The name of the class holding {@code hash}; an unknown hash is a class of its own. */
    public String classOf(String hash) {
        String root = parent.computeIfAbsent(hash, h -> h);
        while (!root.equals(parent.get(root))) {
            root = parent.get(root);
        }
        // Path compression keeps later look-ups flat.
        String node = hash;
        while (!node.equals(root)) {
            String next = parent.get(node);
            parent.put(node, root);
            node = next;
        }
        return root;
    }

    public boolean same(String a, String b) {
        return classOf(a).equals(classOf(b));
    }

    private void union(String a, String b) {
        String ra = classOf(a);
        String rb = classOf(b);
        if (ra.equals(rb)) {
            return;
        }
        // The smaller hash names the merged class: independent of edge order.
        if (ra.compareTo(rb) < 0) {
            parent.put(rb, ra);
        } else {
            parent.put(ra, rb);
        }
    }
}
