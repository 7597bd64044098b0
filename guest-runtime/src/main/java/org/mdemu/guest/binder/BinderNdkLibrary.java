package org.mdemu.guest.binder;

import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.os.BinderStatus;
import android.os.DeadObjectException;
import android.os.IBinder;
import android.os.Parcel;
import org.mdemu.vsock.binder.LocalBinder;
import org.mdemu.vsock.binder.RemoteBinder;
import org.mdemu.vsock.binder.TransactionFailedException;
import android.os.RemoteException;

/**
 * libbinder_ndk.so (version nodes LIBBINDER_NDK, LIBBINDER_NDK30, 31, 33, 34, as in libbinder_ndk.map.txt): the
 * NDK binder API a payload's services and AIDL-generated NDK code use. Local objects are guest code called through
 * their class's onTransact on the calling guest thread; proxies come from RPC sessions (binder RPC over vsock is the
 * only binder a Microdroid payload has: there is no kernel binder driver, no servicemanager).
 */
public final class BinderNdkLibrary implements LibrarySection {
    public static final String SONAME = "libbinder_ndk.so";
    public static final String VERSION = "LIBBINDER_NDK";
    private static final int FLAG_PRIVATE_VENDOR = 0x10000000;
    private static final int ALL_FLAGS = FLAG_PRIVATE_VENDOR | IBinder.FLAG_ONEWAY | IBinder.FLAG_CLEAR_BUF;

    private final NdkObjects objects;
    private final NdkBinders binders;
    private final BinderThreadPool threadPool;

    public BinderNdkLibrary(GuestProcess process, BinderThreadPool threadPool) {
        this.objects = new NdkObjects(process);
        this.binders = new NdkBinders(objects, threadPool);
        this.threadPool = threadPool;
    }

    public static LibraryTable newTable() {
        return new LibraryTable(SONAME, VERSION);
    }

    /** The IBinder behind an AIBinder pointer (for AVmPayload_runVsockRpcServer), or null. */
    public IBinder binderAt(long handle) {
        NdkBinder b = binders.get(handle);
        if (b == null) return null;
        binders.served(b);
        return b.binder;
    }

    @Override
    public void declare(LibraryTable t) {
        declareClasses(t);
        declareBinders(t);
        declareDeath(t);
        new NdkParcelFunctions(objects, binders).declare(t);
        new NdkPersistableBundles(objects).declare(t);
        declareStatus(t);
        threadPool.declare(t);
        declareUnavailable(t);
    }

    private void declareClasses(LibraryTable t) {
        t.function("AIBinder_Class_define", f -> {
            String descriptor = f.cstr(0);
            if (descriptor == null || f.ptr(1) == 0 || f.ptr(2) == 0 || f.ptr(3) == 0) {
                f.ret(0);
                return;
            }
            NdkClass c = new NdkClass(descriptor, objects.cString(descriptor), f.ptr(1), f.ptr(2), f.ptr(3));
            c.handle = objects.register(c);
            f.ret(c.handle);
        });
        t.function("AIBinder_Class_setOnDump", Support.partial("recorded; AIBinder_dump is not served"), f -> {
            NdkClass c = objects.get(f.ptr(0), NdkClass.class);
            if (c != null) c.onDump = f.ptr(1);
        });
        t.function("AIBinder_Class_disableInterfaceTokenHeader", "LIBBINDER_NDK33", Support.FULL, f -> {
            NdkClass c = objects.get(f.ptr(0), NdkClass.class);
            if (c != null) c.writeHeader = false;
        });
        t.function("AIBinder_Class_getDescriptor", "LIBBINDER_NDK31", Support.FULL, f -> {
            NdkClass c = objects.get(f.ptr(0), NdkClass.class);
            f.ret(c == null ? 0 : c.descriptorCString);
        });
        t.function("AIBinder_Class_setHandleShellCommand", "LIBBINDER_NDK30",
                Support.partial("recorded only: no shell reaches a payload"), f -> { });
    }

    private NdkBinder binder(CallFrame f, int arg) {
        return binders.get(f.ptr(arg));
    }

    private void declareBinders(LibraryTable t) {
        t.functionCallingGuest("AIBinder_new", Support.full("calls the class's onCreate"), f -> {
            NdkClass c = objects.get(f.ptr(0), NdkClass.class);
            if (c == null) {
                f.ret(0);
                return;
            }
            long userData = objects.process().calls().call(c.onCreate, f.ptr(1));
            f.ret(binders.newLocal(c, userData).handle);
        });
        t.function("AIBinder_isRemote", f -> {
            NdkBinder b = binder(f, 0);
            f.ret(b != null && b.remote);
        });
        t.function("AIBinder_isAlive", f -> {
            NdkBinder b = binder(f, 0);
            f.ret(b != null && b.binder.isBinderAlive());
        });
        t.functionCallingGuest("AIBinder_ping", Support.full("a proxy sends PING_TRANSACTION"), f -> {
            NdkBinder b = binder(f, 0);
            if (b == null) {
                f.ret(BinderStatus.UNEXPECTED_NULL);
            } else if (b.binder instanceof RemoteBinder r) {
                f.ret(transactStatus(r, IBinder.PING_TRANSACTION, Parcel.obtain(), Parcel.obtain(), 0));
            } else {
                f.ret(BinderStatus.OK);
            }
        });
        t.function("AIBinder_dump", Support.unsupported("no dump service: STATUS_INVALID_OPERATION"),
                f -> f.ret(binder(f, 0) == null ? BinderStatus.UNEXPECTED_NULL : BinderStatus.INVALID_OPERATION));
        t.function("AIBinder_getCallingUid", Support.partial("the payload's own uid (0): RPC carries no caller identity"),
                f -> f.ret(0));
        t.function("AIBinder_getCallingPid", Support.partial("the payload's own pid: RPC carries no caller identity"),
                f -> f.ret(objects.process().pid()));
        t.function("AIBinder_isHandlingTransaction", "LIBBINDER_NDK33", Support.FULL,
                f -> f.ret(threadPool.handlingTransaction()));
        t.function("AIBinder_incStrong", f -> {
            NdkBinder b = binder(f, 0);
            if (b != null) binders.incStrong(b);
        });
        t.functionCallingGuest("AIBinder_decStrong", Support.full("the last reference to a local object runs onDestroy;"
                + " parcels not yet sent and RPC sessions holding it for the other side count as references, as in"
                + " libbinder; a proxy's last one sends DEC_STRONG"), f -> {
            NdkBinder b = binder(f, 0);
            if (b != null && binders.decStrong(b)) binders.destroy(b);
        });
        t.function("AIBinder_debugGetRefCount", f -> {
            NdkBinder b = binder(f, 0);
            f.ret(b == null ? -1 : b.strong);
        });
        t.functionCallingGuest("AIBinder_associateClass", Support.full("a proxy's descriptor is asked once"
                + " (INTERFACE_TRANSACTION)"), f -> f.ret(associateClass(binder(f, 0), objects.get(f.ptr(1), NdkClass.class))));
        t.function("AIBinder_getClass", f -> {
            NdkBinder b = binder(f, 0);
            f.ret(b == null || b.clazz == null ? 0 : b.clazz.handle);
        });
        t.function("AIBinder_getUserData", f -> {
            NdkBinder b = binder(f, 0);
            f.ret(b == null || b.remote ? 0 : b.userData);
        });
        t.function("AIBinder_prepareTransaction", this::prepareTransaction);
        t.functionCallingGuest("AIBinder_transact", Support.full("local objects run onTransact on the calling thread;"
                + " proxies go through their RPC session"), this::transact);
        t.function("AIBinder_Weak_new", f -> {
            NdkBinder b = binder(f, 0);
            f.ret(b == null ? 0 : objects.register(new WeakRef(b)));
        });
        t.function("AIBinder_Weak_delete", f -> {
            if (objects.get(f.ptr(0), WeakRef.class) != null) objects.free(f.ptr(0));
        });
        t.function("AIBinder_Weak_promote", f -> {
            WeakRef w = objects.get(f.ptr(0), WeakRef.class);
            if (w == null || w.binder.strong <= 0 || binders.get(w.binder.handle) != w.binder) {
                f.ret(0);
                return;
            }
            binders.incStrong(w.binder);
            f.ret(w.binder.handle);
        });
        t.function("AIBinder_Weak_clone", "LIBBINDER_NDK31", Support.FULL, f -> {
            WeakRef w = objects.get(f.ptr(0), WeakRef.class);
            f.ret(w == null ? 0 : objects.register(new WeakRef(w.binder)));
        });
        t.function("AIBinder_lt", "LIBBINDER_NDK31", Support.FULL, f -> f.ret(Long.compareUnsigned(f.ptr(0), f.ptr(1)) < 0));
        t.function("AIBinder_Weak_lt", "LIBBINDER_NDK31", Support.FULL, f -> {
            WeakRef a = objects.get(f.ptr(0), WeakRef.class), b = objects.get(f.ptr(1), WeakRef.class);
            f.ret(a != null && b != null && Long.compareUnsigned(a.binder.handle, b.binder.handle) < 0);
        });
        t.function("AIBinder_getExtension", "LIBBINDER_NDK30", Support.partial("no extensions are ever set: NULL"), f -> {
            if (binder(f, 0) == null || f.ptr(1) == 0) {
                f.ret(BinderStatus.UNEXPECTED_NULL);
                return;
            }
            objects.process().memory().writeLong(f.ptr(1), 0);
            f.ret(BinderStatus.OK);
        });
        t.function("AIBinder_setExtension", "LIBBINDER_NDK30",
                Support.unsupported("extensions are not kept: STATUS_INVALID_OPERATION"),
                f -> f.ret(BinderStatus.INVALID_OPERATION));
        for (String name : new String[] {"AIBinder_markSystemStability", "AIBinder_markVendorStability",
                "AIBinder_markVintfStability"}) {
            t.function(name, "LIBBINDER_NDK30", Support.partial("accepted: every binder is sent as system stability"), f -> { });
        }
        for (String name : new String[] {"AIBinder_forceDowngradeToSystemStability", "AIBinder_forceDowngradeToVendorStability"}) {
            t.function(name, "LIBBINDER_NDK31", Support.partial("accepted: every binder is sent as system stability"), f -> { });
        }
        t.function("AIBinder_setRequestingSid", "LIBBINDER_NDK31", Support.partial("accepted: RPC carries no SELinux context"), f -> { });
        t.function("AIBinder_getCallingSid", "LIBBINDER_NDK31", Support.partial("NULL: RPC carries no SELinux context"), f -> f.ret(0));
        t.function("AIBinder_setInheritRt", "LIBBINDER_NDK33", Support.partial("accepted: no real-time scheduling"), f -> { });
        t.function("AIBinder_setMinSchedulerPolicy", "LIBBINDER_NDK33", Support.partial("accepted: no scheduler policies"), f -> { });
    }

    /** An AIBinder_Weak: promotes while the object still has strong references. */
    private record WeakRef(NdkBinder binder) {}

    private boolean associateClass(NdkBinder b, NdkClass c) {
        if (b == null || c == null) return false;
        String descriptor;
        if (b.remote) {
            Parcel reply = Parcel.obtain();
            int status = b.binder instanceof RemoteBinder r
                    ? transactStatus(r, IBinder.INTERFACE_TRANSACTION, Parcel.obtain(), reply, 0) : BinderStatus.DEAD_OBJECT;
            if (status != BinderStatus.OK) return false;
            try {
                descriptor = reply.readString();
            } catch (android.os.ParcelFormatException e) {
                return false; // the other side answered with something that is not a descriptor
            }
        } else {
            descriptor = b.clazz.descriptor;
        }
        if (!c.descriptor.equals(descriptor)) return false;
        if (!b.remote && b.clazz != c) return false;
        b.clazz = c;
        return true;
    }

    private void prepareTransaction(CallFrame f) {
        NdkBinder b = binder(f, 0);
        long out = f.ptr(1);
        if (b == null || out == 0) {
            f.ret(BinderStatus.UNEXPECTED_NULL);
            return;
        }
        if (b.clazz == null) {
            f.ret(BinderStatus.INVALID_OPERATION);
            return;
        }
        Parcel p = Parcel.obtain();
        if (b.clazz.writeHeader) p.writeInterfaceToken(b.clazz.descriptor);
        objects.process().memory().writeLong(out, objects.register(new NdkParcel(p, b, false)));
        f.ret(BinderStatus.OK);
    }

    private void transact(CallFrame f) {
        long inOut = f.ptr(2), outOut = f.ptr(3);
        int code = f.i32(1), flags = f.i32(4);
        if (inOut == 0) {
            f.ret(BinderStatus.UNEXPECTED_NULL);
            return;
        }
        long inHandle = objects.process().memory().readLong(inOut);
        NdkParcel in = objects.get(inHandle, NdkParcel.class);
        // The input parcel is always consumed.
        if (in != null) objects.free(inHandle);
        objects.process().memory().writeLong(inOut, 0);
        if (code < IBinder.FIRST_CALL_TRANSACTION || code > IBinder.LAST_CALL_TRANSACTION) {
            f.ret(BinderStatus.UNKNOWN_TRANSACTION);
            return;
        }
        if ((flags & ~ALL_FLAGS) != 0) {
            f.ret(BinderStatus.BAD_VALUE);
            return;
        }
        NdkBinder b = binder(f, 0);
        if (b == null || in == null || outOut == 0) {
            f.ret(BinderStatus.UNEXPECTED_NULL);
            return;
        }
        if (in.binder != b) {
            f.ret(BinderStatus.BAD_VALUE);
            return;
        }
        Parcel reply = Parcel.obtain();
        int status;
        if (b.binder instanceof RemoteBinder r) {
            status = transactStatus(r, code, in.parcel, reply, flags);
        } else {
            threadPool.runPendingCallbacks();
            status = localTransact(b.binder, code, in.parcel, reply, flags);
        }
        if (status == BinderStatus.OK) {
            reply.setDataPosition(0);
            objects.process().memory().writeLong(outOut, objects.register(new NdkParcel(reply, b, false)));
        } else {
            objects.process().memory().writeLong(outOut, 0);
        }
        f.ret(status);
    }

    private static int localTransact(IBinder local, int code, Parcel data, Parcel reply, int flags) {
        if (local instanceof LocalBinder l) return l.transactForStatus(code, data, reply, flags);
        try {
            return local.transact(code, data, reply, flags) ? BinderStatus.OK : BinderStatus.UNKNOWN_TRANSACTION;
        } catch (RemoteException e) {
            return TransactionFailedException.statusOf(e);
        }
    }

    private int transactStatus(RemoteBinder r, int code, Parcel data, Parcel reply, int flags) {
        try {
            return r.transactForStatus(code, data, reply, flags);
        } catch (RemoteException e) {
            return TransactionFailedException.statusOf(e);
        }
    }

    private void declareDeath(LibraryTable t) {
        t.function("AIBinder_DeathRecipient_new", f -> f.ret(f.ptr(0) == 0 ? 0 : objects.register(new NdkDeathRecipient(f.ptr(0)))));
        t.function("AIBinder_DeathRecipient_setOnUnlinked", "LIBBINDER_NDK33", Support.FULL, f -> {
            NdkDeathRecipient r = objects.get(f.ptr(0), NdkDeathRecipient.class);
            if (r != null) r.onUnlinked = f.ptr(1);
        });
        t.functionCallingGuest("AIBinder_DeathRecipient_delete", Support.full("unlinks everything, calling onUnlinked"), f -> {
            NdkDeathRecipient r = objects.get(f.ptr(0), NdkDeathRecipient.class);
            if (r == null) return;
            for (NdkBinder b : new java.util.ArrayList<>(r.linkedTo)) {
                for (NdkDeathLink l : new java.util.ArrayList<>(b.deathLinks)) {
                    if (l.recipient() == r) unlink(b, l);
                }
            }
            objects.free(f.ptr(0));
        });
        t.function("AIBinder_linkToDeath", Support.full("a proxy's recipients hear when its session ends"), f -> {
            NdkBinder b = binder(f, 0);
            NdkDeathRecipient r = objects.get(f.ptr(1), NdkDeathRecipient.class);
            long cookie = f.ptr(2);
            if (b == null || r == null) {
                f.ret(BinderStatus.UNEXPECTED_NULL);
                return;
            }
            if (!b.remote) {
                f.ret(BinderStatus.INVALID_OPERATION);
                return;
            }
            NdkDeathLink[] link = new NdkDeathLink[1];
            IBinder.DeathRecipient java = () -> threadPool.runGuestCallback(() -> died(b, link[0]));
            link[0] = new NdkDeathLink(r, cookie, java);
            try {
                b.binder.linkToDeath(java, 0);
            } catch (RemoteException e) {
                f.ret(BinderStatus.DEAD_OBJECT);
                return;
            }
            b.deathLinks.add(link[0]);
            r.linkedTo.add(b);
            f.ret(BinderStatus.OK);
        });
        t.functionCallingGuest("AIBinder_unlinkToDeath", Support.full("calls onUnlinked when set"), f -> {
            NdkBinder b = binder(f, 0);
            NdkDeathRecipient r = objects.get(f.ptr(1), NdkDeathRecipient.class);
            long cookie = f.ptr(2);
            if (b == null || r == null) {
                f.ret(BinderStatus.UNEXPECTED_NULL);
                return;
            }
            for (NdkDeathLink l : b.deathLinks) {
                if (l.recipient() == r && l.cookie() == cookie) {
                    unlink(b, l);
                    f.ret(BinderStatus.OK);
                    return;
                }
            }
            f.ret(BinderStatus.NAME_NOT_FOUND);
        });
    }

    private void unlink(NdkBinder b, NdkDeathLink l) {
        b.binder.unlinkToDeath(l.javaRecipient(), 0);
        b.deathLinks.remove(l);
        l.recipient().linkedTo.remove(b);
        if (l.recipient().onUnlinked != 0) objects.process().calls().call(l.recipient().onUnlinked, l.cookie());
    }

    /** On a guest thread holding the CPU: onBinderDied, then onUnlinked, as libbinder_ndk does. */
    private void died(NdkBinder b, NdkDeathLink l) {
        if (!b.deathLinks.remove(l)) return;
        l.recipient().linkedTo.remove(b);
        objects.process().calls().call(l.recipient().onBinderDied, l.cookie());
        if (l.recipient().onUnlinked != 0) objects.process().calls().call(l.recipient().onUnlinked, l.cookie());
    }

    private void declareStatus(LibraryTable t) {
        t.function("AStatus_newOk", f -> f.ret(objects.register(new NdkStatus(BinderStatus.ok()))));
        t.function("AStatus_fromExceptionCode", f -> f.ret(objects.register(new NdkStatus(NdkStatus.fromException(f.i32(0), null)))));
        t.function("AStatus_fromExceptionCodeWithMessage",
                f -> f.ret(objects.register(new NdkStatus(NdkStatus.fromException(f.i32(0), f.cstr(1))))));
        t.function("AStatus_fromServiceSpecificError", f -> f.ret(objects.register(new NdkStatus(
                new BinderStatus(BinderStatus.EX_SERVICE_SPECIFIC, f.i32(0), null)))));
        t.function("AStatus_fromServiceSpecificErrorWithMessage", f -> f.ret(objects.register(new NdkStatus(
                new BinderStatus(BinderStatus.EX_SERVICE_SPECIFIC, f.i32(0), f.cstr(1))))));
        t.function("AStatus_fromStatus", f -> f.ret(objects.register(new NdkStatus(NdkStatus.fromStatusT(f.i32(0))))));
        t.function("AStatus_isOk", f -> {
            NdkStatus s = objects.get(f.ptr(0), NdkStatus.class);
            f.ret(s != null && s.status.isOk());
        });
        t.function("AStatus_getExceptionCode", f -> {
            NdkStatus s = objects.get(f.ptr(0), NdkStatus.class);
            f.ret(s == null ? 0 : s.status.exception());
        });
        t.function("AStatus_getServiceSpecificError", f -> {
            NdkStatus s = objects.get(f.ptr(0), NdkStatus.class);
            f.ret(s == null || s.status.exception() != BinderStatus.EX_SERVICE_SPECIFIC ? 0 : s.status.errorCode());
        });
        t.function("AStatus_getStatus", f -> {
            NdkStatus s = objects.get(f.ptr(0), NdkStatus.class);
            f.ret(s == null ? 0 : s.transactionError());
        });
        t.function("AStatus_getMessage", f -> {
            NdkStatus s = objects.get(f.ptr(0), NdkStatus.class);
            if (s == null) {
                f.ret(0);
                return;
            }
            if (s.message == 0) s.message = objects.cString(s.status.message() == null ? "" : s.status.message());
            f.ret(s.message);
        });
        t.function("AStatus_delete", f -> {
            NdkStatus s = objects.get(f.ptr(0), NdkStatus.class);
            if (s == null) return;
            if (s.message != 0) objects.process().heap().free(s.message);
            objects.free(f.ptr(0));
        });
        t.function("AStatus_getDescription", "LIBBINDER_NDK30", Support.FULL, f -> {
            NdkStatus s = objects.get(f.ptr(0), NdkStatus.class);
            f.ret(s == null ? 0 : objects.cString(s.status.description()));
        });
        t.function("AStatus_deleteDescription", "LIBBINDER_NDK30", Support.FULL, f -> {
            if (f.ptr(0) != 0) objects.process().heap().free(f.ptr(0));
        });
    }

    private void declareUnavailable(LibraryTable t) {
        Support noJvm = Support.unsupported("no Java runtime in Microdroid: NULL");
        t.function("AIBinder_fromJavaBinder", VERSION, noJvm, f -> f.ret(0));
        t.function("AIBinder_toJavaBinder", VERSION, noJvm, f -> f.ret(0));
        Support noServiceManager = Support.unsupported("no servicemanager reaches a payload: NULL or an error status");
        t.function("AServiceManager_addService", VERSION, noServiceManager, f -> f.ret(BinderStatus.EX_ILLEGAL_STATE));
        t.function("AServiceManager_checkService", VERSION, noServiceManager, f -> f.ret(0));
        t.function("AServiceManager_getService", VERSION, noServiceManager, f -> f.ret(0));
        t.function("AServiceManager_waitForService", "LIBBINDER_NDK31", noServiceManager, f -> f.ret(0));
        t.function("AServiceManager_isDeclared", "LIBBINDER_NDK31", noServiceManager, f -> f.ret(false));
        t.function("AServiceManager_forEachDeclaredInstance", "LIBBINDER_NDK31", noServiceManager, f -> { });
        t.function("AServiceManager_isUpdatableViaApex", "LIBBINDER_NDK31", noServiceManager, f -> f.ret(false));
        t.function("AServiceManager_registerLazyService", "LIBBINDER_NDK31", noServiceManager,
                f -> f.ret(BinderStatus.INVALID_OPERATION));
        t.function("AServiceManager_forceLazyServicesPersist", "LIBBINDER_NDK31", noServiceManager, f -> { });
        t.function("AServiceManager_setActiveServicesCallback", "LIBBINDER_NDK31", noServiceManager, f -> { });
        t.function("AServiceManager_tryUnregister", "LIBBINDER_NDK31", noServiceManager, f -> f.ret(false));
        t.function("AServiceManager_reRegister", "LIBBINDER_NDK31", noServiceManager, f -> { });
        t.function("AServiceManager_getUpdatableApexName", "LIBBINDER_NDK34", noServiceManager, f -> f.ret(false));
        t.function("AServiceManager_registerForServiceNotifications", "LIBBINDER_NDK34", noServiceManager, f -> f.ret(0));
        t.function("AServiceManager_NotificationRegistration_delete", "LIBBINDER_NDK34", noServiceManager, f -> { });
        t.function("AServiceManager_addServiceWithFlags", "LIBBINDER_NDK34", noServiceManager,
                f -> f.ret(BinderStatus.EX_ILLEGAL_STATE));
        t.function("AServiceManager_openDeclaredPassthroughHal", "LIBBINDER_NDK35", noServiceManager, f -> f.ret(0));
        Support noPolling = Support.unsupported("no kernel binder driver to poll: STATUS_INVALID_OPERATION");
        t.function("ABinderProcess_setupPolling", "LIBBINDER_NDK31", noPolling, f -> f.ret(BinderStatus.INVALID_OPERATION));
        t.function("ABinderProcess_handlePolledCommands", "LIBBINDER_NDK31", noPolling,
                f -> f.ret(BinderStatus.INVALID_OPERATION));
    }
}
