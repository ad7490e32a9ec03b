package dev.corelanes.engine;

import dev.corelanes.engine.platform.CpuAffinity;
import dev.corelanes.engine.platform.CpuList;
import dev.corelanes.engine.platform.host.Host;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * "Use only N cores" or "use these CPUs": which CPUs a run is pinned to. A count takes one logical CPU per
 * physical core first — performance cores before efficiency cores — and SMT siblings last, the order in
 * which a scheduler fills an idle machine; so 2 cores on a 2-core SMT machine are two real cores.
 */
public sealed interface CoreLimit {

    record Count(int cores) implements CoreLimit {
    }

    record Cpus(List<Integer> cpus) implements CoreLimit {
        public Cpus {
            cpus = List.copyOf(cpus);
        }
    }

    /** From the CLI's {@code --cores N}. */
    static CoreLimit count(int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("--cores must be 1 or more (got " + cores + ")");
        }
        return new Count(cores);
    }

    /** From the CLI's {@code --cpus 0,2-3}. */
    static CoreLimit cpus(String list) {
        return new Cpus(CpuList.parse(list));
    }

    /**
     * The machine as a run limited this way sees it (pinned to the chosen CPUs); {@link Experiment} pins the
     * run to {@link MachineInfo#pinnedCpus()}.
     *
     * @throws IllegalArgumentException with a one-line message when this OS cannot pin or the limit cannot be met
     */
    default MachineInfo applyTo(MachineInfo machine) {
        CpuAffinity affinity = Host.affinity();
        if (!affinity.supported()) {
            throw new IllegalArgumentException("cannot use only some cores: " + affinity.unsupportedReason());
        }
        return machine.pinnedTo(choose(machine, affinity.allowedCpus()));
    }

    /**
     * The CPUs to pin to, out of those the process may use.
     *
     * @throws IllegalArgumentException with a one-line message when the limit cannot be met
     */
    default List<Integer> choose(MachineInfo machine, List<Integer> allowed) {
        if (this instanceof Cpus c) {
            List<Integer> outside = c.cpus().stream().filter(cpu -> !allowed.contains(cpu)).toList();
            if (!outside.isEmpty()) {
                throw new IllegalArgumentException("CPU " + CpuList.format(outside) + " is not one this process may use"
                        + " (it may use CPU " + CpuList.format(allowed) + ")");
            }
            return c.cpus();
        }
        int n = ((Count) this).cores();
        int usable = Math.min(allowed.size(), machine.usableCores());
        if (n > usable) {
            throw new IllegalArgumentException("--cores " + n + " asks for more CPUs than this process may use ("
                    + usable + ")");
        }
        return preferredOrder(machine, allowed).subList(0, n).stream().sorted().toList();
    }

    /** Allowed CPUs in the order a count takes them (see the class comment). */
    static List<Integer> preferredOrder(MachineInfo machine, List<Integer> allowed) {
        List<List<Integer>> groups = new ArrayList<>(machine.smtGroups());
        if (groups.isEmpty()) {
            allowed.forEach(c -> groups.add(List.of(c)));
        }
        // Performance cores first (a machine without classes has none of efficiency), stable otherwise.
        groups.sort((a, b) -> Boolean.compare(machine.classOf(a.get(0)) == CoreClass.EFFICIENCY,
                machine.classOf(b.get(0)) == CoreClass.EFFICIENCY));
        Set<Integer> order = new LinkedHashSet<>();
        int depth = groups.stream().mapToInt(List::size).max().orElse(1);
        for (int sibling = 0; sibling < depth; sibling++) {
            for (List<Integer> g : groups) {
                if (sibling < g.size() && allowed.contains(g.get(sibling))) {
                    order.add(g.get(sibling));
                }
            }
        }
        order.addAll(allowed); // CPUs the groups did not name
        return List.copyOf(order);
    }
}
