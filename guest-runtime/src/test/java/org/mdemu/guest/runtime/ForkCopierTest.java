package org.mdemu.guest.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How fork copies a process's Java-side state into the runtime built for the child. */
class ForkCopierTest {
    /** A service each process has its own of (the kernel, the file table). */
    static final class Service {
        final String owner;

        Service(String owner) {
            this.owner = owner;
        }
    }

    record Entry(long address, String name) {}

    /** A stand-in for a library section: services from its constructor, state from the guest's calls. */
    static final class Section {
        final Service service;
        final Object lock = new Object();
        final Runnable callback;
        long cursor;
        String name;
        final Map<Long, Entry> entries = new HashMap<>();
        final List<long[]> arrays = new ArrayList<>();
        Detail detail;

        Section(Service service) {
            this.service = service;
            this.callback = () -> service.owner.length();
        }
    }

    static final class Detail {
        Service service;
        int[] counts;
    }

    static final class Library {
        final List<Section> sections = new ArrayList<>();
    }

    private final Service parentService = new Service("parent"), childService = new Service("child");

    private Section parentSection() {
        Section s = new Section(parentService);
        s.cursor = 42;
        s.name = "stdin";
        s.entries.put(1L, new Entry(0x1000, "one"));
        s.arrays.add(new long[] {5, 6});
        s.detail = new Detail();
        s.detail.service = parentService;
        s.detail.counts = new int[] {3};
        return s;
    }

    @Test
    void scalarsAndCollectionsAreCopiedNotShared() {
        Section parent = parentSection(), child = new Section(childService);
        ForkCopier copier = new ForkCopier(o -> false);
        copier.substitute(parentService, childService);
        copier.pair(parent, child);
        assertThat(child.cursor).isEqualTo(42);
        assertThat(child.name).isEqualTo("stdin");
        assertThat(child.entries).isEqualTo(parent.entries).isNotSameAs(parent.entries);
        assertThat(child.arrays.get(0)).containsExactly(5, 6).isNotSameAs(parent.arrays.get(0));
        parent.entries.put(2L, new Entry(0x2000, "two"));
        parent.arrays.get(0)[0] = 99;
        assertThat(child.entries).hasSize(1);
        assertThat(child.arrays.get(0)[0]).isEqualTo(5);
    }

    @Test
    void servicesAreTheChildsOwnEvenInsideCopiedState() {
        Section parent = parentSection(), child = new Section(childService);
        ForkCopier copier = new ForkCopier(o -> false);
        copier.substitute(parentService, childService);
        copier.pair(parent, child);
        assertThat(child.service).isSameAs(childService);
        assertThat(child.detail).isNotSameAs(parent.detail);
        assertThat(child.detail.service).isSameAs(childService);
        assertThat(child.detail.counts).containsExactly(3).isNotSameAs(parent.detail.counts);
    }

    @Test
    void lambdasAndLocksStayTheChildsOwn() {
        Section parent = parentSection(), child = new Section(childService);
        Runnable childCallback = child.callback;
        Object childLock = child.lock;
        ForkCopier copier = new ForkCopier(o -> false);
        copier.substitute(parentService, childService);
        copier.pair(parent, child);
        assertThat(child.callback).isSameAs(childCallback);
        assertThat(child.lock).isSameAs(childLock);
        assertThat(copier.sharedForeign()).isEmpty();
    }

    @Test
    void listsOfCounterpartsArePairedElementByElement() {
        Library parent = new Library(), child = new Library();
        parent.sections.add(parentSection());
        child.sections.add(new Section(childService));
        Section childSection = child.sections.get(0);
        ForkCopier copier = new ForkCopier(o -> false);
        copier.substitute(parentService, childService);
        copier.pair(parent, child);
        assertThat(child.sections.get(0)).isSameAs(childSection);
        assertThat(childSection.cursor).isEqualTo(42);
    }

    @Test
    void sharedObjectsAreKeptAndUncopyableOnesListed() {
        Section parent = parentSection(), child = new Section(childService);
        Object device = new Object();
        parent.detail.counts = null;
        ForkCopier copier = new ForkCopier(o -> o == parentService);
        copier.pair(parent, child);
        assertThat(child.detail.service).isSameAs(parentService);
        Runnable lambdaInState = () -> device.hashCode();
        List<Object> withLambda = new ArrayList<>(List.of(lambdaInState));
        assertThat(copier.copy(withLambda)).isEqualTo(withLambda);
        assertThat(copier.sharedForeign()).singleElement().asString().contains("Lambda");
    }
}
