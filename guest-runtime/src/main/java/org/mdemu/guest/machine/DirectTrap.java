package org.mdemu.guest.machine;

/**
 * How an engine may serve the svc at one address without calling {@link TrapHandler#onSupervisorCall}: it calls the
 * trap's host function itself, between {@link #enter} and {@link #leave} (or {@link #failed}), which do everything else
 * the general path would do for this trap. Offered by {@link TrapHandler#directTrap} for traps whose function the
 * handler can name ahead (a function of the trap gate); an engine that compiles guest code can then call the function
 * from the compiled code of that svc, where the call has one target that the JIT inlines.
 *
 * <p>On the CPU's thread, with the CPU as the general path would see it: every register in place, pc after the svc.
 * The sequence is {@code if (enter()) { try { function().call(argument()); } catch (Throwable t) { if (!failed(t))
 * throw t; ...as after leave } leave(); }}; when enter() declines, the engine takes the general path for this trap.
 */
public abstract class DirectTrap {
    private final HostFunction<Object> function;
    private final Object argument;

    @SuppressWarnings("unchecked")
    protected <A> DirectTrap(HostFunction<? super A> function, A argument) {
        this.function = (HostFunction<Object>) function;
        this.argument = argument;
    }

    public final HostFunction<Object> function() {
        return function;
    }

    public final Object argument() {
        return argument;
    }

    /**
     * Whether this trap may be served directly now (false: the engine calls onSupervisorCall instead; nothing was
     * done). When true, the trap has begun: the engine calls the function, then {@link #leave} or {@link #failed}.
     */
    public abstract boolean enter();

    /** The function returned: what the general path does after it (e.g. {@link Cpu#requestStop()} when a slice ended). */
    public abstract void leave();

    /**
     * The function threw t: whether the trap handled it as the general path would (the CPU goes on as after
     * {@link #leave}, which must not be called); false: the engine ends the run with t as it ends it for an exception
     * of onSupervisorCall.
     */
    public abstract boolean failed(Throwable t);
}
