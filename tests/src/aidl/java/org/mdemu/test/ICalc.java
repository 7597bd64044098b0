/*
 * This file is auto-generated.  DO NOT MODIFY.
 */
package org.mdemu.test;
/**
 * The interface the C payloads binder_service and binder_local implement by hand with libbinder_ndk's C API
 * (tests/payloads/src/binder_calc.h): the same methods in the same order, so the same transaction codes. mix
 * answers with several values, which no AIDL method can describe: call it with parcels, not through this proxy.
 */
public interface ICalc extends android.os.IInterface
{
  /** Default implementation for ICalc. */
  public static class Default implements org.mdemu.test.ICalc
  {
    @Override public int add(int a, int b) throws android.os.RemoteException
    {
      return 0;
    }
    @Override public java.lang.String echo(java.lang.String s) throws android.os.RemoteException
    {
      return null;
    }
    @Override public byte[] secret() throws android.os.RemoteException
    {
      return null;
    }
    @Override public int callBack(org.mdemu.test.ICallback cb, int value) throws android.os.RemoteException
    {
      return 0;
    }
    @Override public void fail(int code, java.lang.String message) throws android.os.RemoteException
    {
    }
    @Override public long[] mix(int[] ints, long l, double d, boolean[] flags, java.lang.String[] names, char c, byte[] bytes, float f) throws android.os.RemoteException
    {
      return null;
    }
    @Override public void record(int value) throws android.os.RemoteException
    {
    }
    @Override public int[] recorded() throws android.os.RemoteException
    {
      return null;
    }
    @Override public void watch(android.os.IBinder b) throws android.os.RemoteException
    {
    }
    @Override public int deaths() throws android.os.RemoteException
    {
      return 0;
    }
    @Override public org.mdemu.test.ICalc child() throws android.os.RemoteException
    {
      return null;
    }
    @Override public void later(org.mdemu.test.ICallback cb, int value) throws android.os.RemoteException
    {
    }
    @Override public int[] laterOutcome() throws android.os.RemoteException
    {
      return null;
    }
    @Override public int destroyed() throws android.os.RemoteException
    {
      return 0;
    }
    @Override public android.os.PersistableBundle bundleEcho(android.os.PersistableBundle b) throws android.os.RemoteException
    {
      return null;
    }
    @Override
    public android.os.IBinder asBinder() {
      return null;
    }
  }
  /** Local-side IPC implementation stub class. */
  public static abstract class Stub extends android.os.Binder implements org.mdemu.test.ICalc
  {
    private static final java.lang.String DESCRIPTOR = "org.mdemu.test.ICalc";
    /** Construct the stub at attach it to the interface. */
    public Stub()
    {
      this.attachInterface(this, DESCRIPTOR);
    }
    /**
     * Cast an IBinder object into an org.mdemu.test.ICalc interface,
     * generating a proxy if needed.
     */
    public static org.mdemu.test.ICalc asInterface(android.os.IBinder obj)
    {
      if ((obj==null)) {
        return null;
      }
      android.os.IInterface iin = obj.queryLocalInterface(DESCRIPTOR);
      if (((iin!=null)&&(iin instanceof org.mdemu.test.ICalc))) {
        return ((org.mdemu.test.ICalc)iin);
      }
      return new org.mdemu.test.ICalc.Stub.Proxy(obj);
    }
    @Override public android.os.IBinder asBinder()
    {
      return this;
    }
    @Override public boolean onTransact(int code, android.os.Parcel data, android.os.Parcel reply, int flags) throws android.os.RemoteException
    {
      java.lang.String descriptor = DESCRIPTOR;
      switch (code)
      {
        case INTERFACE_TRANSACTION:
        {
          reply.writeString(descriptor);
          return true;
        }
        case TRANSACTION_add:
        {
          data.enforceInterface(descriptor);
          int _arg0;
          _arg0 = data.readInt();
          int _arg1;
          _arg1 = data.readInt();
          int _result = this.add(_arg0, _arg1);
          reply.writeNoException();
          reply.writeInt(_result);
          return true;
        }
        case TRANSACTION_echo:
        {
          data.enforceInterface(descriptor);
          java.lang.String _arg0;
          _arg0 = data.readString();
          java.lang.String _result = this.echo(_arg0);
          reply.writeNoException();
          reply.writeString(_result);
          return true;
        }
        case TRANSACTION_secret:
        {
          data.enforceInterface(descriptor);
          byte[] _result = this.secret();
          reply.writeNoException();
          reply.writeByteArray(_result);
          return true;
        }
        case TRANSACTION_callBack:
        {
          data.enforceInterface(descriptor);
          org.mdemu.test.ICallback _arg0;
          _arg0 = org.mdemu.test.ICallback.Stub.asInterface(data.readStrongBinder());
          int _arg1;
          _arg1 = data.readInt();
          int _result = this.callBack(_arg0, _arg1);
          reply.writeNoException();
          reply.writeInt(_result);
          return true;
        }
        case TRANSACTION_fail:
        {
          data.enforceInterface(descriptor);
          int _arg0;
          _arg0 = data.readInt();
          java.lang.String _arg1;
          _arg1 = data.readString();
          this.fail(_arg0, _arg1);
          reply.writeNoException();
          return true;
        }
        case TRANSACTION_mix:
        {
          data.enforceInterface(descriptor);
          int[] _arg0;
          _arg0 = data.createIntArray();
          long _arg1;
          _arg1 = data.readLong();
          double _arg2;
          _arg2 = data.readDouble();
          boolean[] _arg3;
          _arg3 = data.createBooleanArray();
          java.lang.String[] _arg4;
          _arg4 = data.createStringArray();
          char _arg5;
          _arg5 = (char)data.readInt();
          byte[] _arg6;
          _arg6 = data.createByteArray();
          float _arg7;
          _arg7 = data.readFloat();
          long[] _result = this.mix(_arg0, _arg1, _arg2, _arg3, _arg4, _arg5, _arg6, _arg7);
          reply.writeNoException();
          reply.writeLongArray(_result);
          return true;
        }
        case TRANSACTION_record:
        {
          data.enforceInterface(descriptor);
          int _arg0;
          _arg0 = data.readInt();
          this.record(_arg0);
          return true;
        }
        case TRANSACTION_recorded:
        {
          data.enforceInterface(descriptor);
          int[] _result = this.recorded();
          reply.writeNoException();
          reply.writeIntArray(_result);
          return true;
        }
        case TRANSACTION_watch:
        {
          data.enforceInterface(descriptor);
          android.os.IBinder _arg0;
          _arg0 = data.readStrongBinder();
          this.watch(_arg0);
          reply.writeNoException();
          return true;
        }
        case TRANSACTION_deaths:
        {
          data.enforceInterface(descriptor);
          int _result = this.deaths();
          reply.writeNoException();
          reply.writeInt(_result);
          return true;
        }
        case TRANSACTION_child:
        {
          data.enforceInterface(descriptor);
          org.mdemu.test.ICalc _result = this.child();
          reply.writeNoException();
          reply.writeStrongBinder((((_result!=null))?(_result.asBinder()):(null)));
          return true;
        }
        case TRANSACTION_later:
        {
          data.enforceInterface(descriptor);
          org.mdemu.test.ICallback _arg0;
          _arg0 = org.mdemu.test.ICallback.Stub.asInterface(data.readStrongBinder());
          int _arg1;
          _arg1 = data.readInt();
          this.later(_arg0, _arg1);
          reply.writeNoException();
          return true;
        }
        case TRANSACTION_laterOutcome:
        {
          data.enforceInterface(descriptor);
          int[] _result = this.laterOutcome();
          reply.writeNoException();
          reply.writeIntArray(_result);
          return true;
        }
        case TRANSACTION_destroyed:
        {
          data.enforceInterface(descriptor);
          int _result = this.destroyed();
          reply.writeNoException();
          reply.writeInt(_result);
          return true;
        }
        case TRANSACTION_bundleEcho:
        {
          data.enforceInterface(descriptor);
          android.os.PersistableBundle _arg0;
          if ((0!=data.readInt())) {
            _arg0 = android.os.PersistableBundle.CREATOR.createFromParcel(data);
          }
          else {
            _arg0 = null;
          }
          android.os.PersistableBundle _result = this.bundleEcho(_arg0);
          reply.writeNoException();
          if ((_result!=null)) {
            reply.writeInt(1);
            _result.writeToParcel(reply, android.os.Parcelable.PARCELABLE_WRITE_RETURN_VALUE);
          }
          else {
            reply.writeInt(0);
          }
          return true;
        }
        default:
        {
          return super.onTransact(code, data, reply, flags);
        }
      }
    }
    private static class Proxy implements org.mdemu.test.ICalc
    {
      private android.os.IBinder mRemote;
      Proxy(android.os.IBinder remote)
      {
        mRemote = remote;
      }
      @Override public android.os.IBinder asBinder()
      {
        return mRemote;
      }
      public java.lang.String getInterfaceDescriptor()
      {
        return DESCRIPTOR;
      }
      @Override public int add(int a, int b) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        int _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeInt(a);
          _data.writeInt(b);
          boolean _status = mRemote.transact(Stub.TRANSACTION_add, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().add(a, b);
          }
          _reply.readException();
          _result = _reply.readInt();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      @Override public java.lang.String echo(java.lang.String s) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        java.lang.String _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeString(s);
          boolean _status = mRemote.transact(Stub.TRANSACTION_echo, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().echo(s);
          }
          _reply.readException();
          _result = _reply.readString();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      @Override public byte[] secret() throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        byte[] _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          boolean _status = mRemote.transact(Stub.TRANSACTION_secret, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().secret();
          }
          _reply.readException();
          _result = _reply.createByteArray();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      @Override public int callBack(org.mdemu.test.ICallback cb, int value) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        int _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeStrongBinder((((cb!=null))?(cb.asBinder()):(null)));
          _data.writeInt(value);
          boolean _status = mRemote.transact(Stub.TRANSACTION_callBack, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().callBack(cb, value);
          }
          _reply.readException();
          _result = _reply.readInt();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      @Override public void fail(int code, java.lang.String message) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeInt(code);
          _data.writeString(message);
          boolean _status = mRemote.transact(Stub.TRANSACTION_fail, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            getDefaultImpl().fail(code, message);
            return;
          }
          _reply.readException();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
      }
      @Override public long[] mix(int[] ints, long l, double d, boolean[] flags, java.lang.String[] names, char c, byte[] bytes, float f) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        long[] _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeIntArray(ints);
          _data.writeLong(l);
          _data.writeDouble(d);
          _data.writeBooleanArray(flags);
          _data.writeStringArray(names);
          _data.writeInt(((int)c));
          _data.writeByteArray(bytes);
          _data.writeFloat(f);
          boolean _status = mRemote.transact(Stub.TRANSACTION_mix, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().mix(ints, l, d, flags, names, c, bytes, f);
          }
          _reply.readException();
          _result = _reply.createLongArray();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      @Override public void record(int value) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeInt(value);
          boolean _status = mRemote.transact(Stub.TRANSACTION_record, _data, null, android.os.IBinder.FLAG_ONEWAY);
          if (!_status && getDefaultImpl() != null) {
            getDefaultImpl().record(value);
            return;
          }
        }
        finally {
          _data.recycle();
        }
      }
      @Override public int[] recorded() throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        int[] _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          boolean _status = mRemote.transact(Stub.TRANSACTION_recorded, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().recorded();
          }
          _reply.readException();
          _result = _reply.createIntArray();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      @Override public void watch(android.os.IBinder b) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeStrongBinder(b);
          boolean _status = mRemote.transact(Stub.TRANSACTION_watch, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            getDefaultImpl().watch(b);
            return;
          }
          _reply.readException();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
      }
      @Override public int deaths() throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        int _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          boolean _status = mRemote.transact(Stub.TRANSACTION_deaths, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().deaths();
          }
          _reply.readException();
          _result = _reply.readInt();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      @Override public org.mdemu.test.ICalc child() throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        org.mdemu.test.ICalc _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          boolean _status = mRemote.transact(Stub.TRANSACTION_child, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().child();
          }
          _reply.readException();
          _result = org.mdemu.test.ICalc.Stub.asInterface(_reply.readStrongBinder());
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      @Override public void later(org.mdemu.test.ICallback cb, int value) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeStrongBinder((((cb!=null))?(cb.asBinder()):(null)));
          _data.writeInt(value);
          boolean _status = mRemote.transact(Stub.TRANSACTION_later, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            getDefaultImpl().later(cb, value);
            return;
          }
          _reply.readException();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
      }
      @Override public int[] laterOutcome() throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        int[] _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          boolean _status = mRemote.transact(Stub.TRANSACTION_laterOutcome, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().laterOutcome();
          }
          _reply.readException();
          _result = _reply.createIntArray();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      @Override public int destroyed() throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        int _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          boolean _status = mRemote.transact(Stub.TRANSACTION_destroyed, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().destroyed();
          }
          _reply.readException();
          _result = _reply.readInt();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      @Override public android.os.PersistableBundle bundleEcho(android.os.PersistableBundle b) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        android.os.PersistableBundle _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          if ((b!=null)) {
            _data.writeInt(1);
            b.writeToParcel(_data, 0);
          }
          else {
            _data.writeInt(0);
          }
          boolean _status = mRemote.transact(Stub.TRANSACTION_bundleEcho, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().bundleEcho(b);
          }
          _reply.readException();
          if ((0!=_reply.readInt())) {
            _result = android.os.PersistableBundle.CREATOR.createFromParcel(_reply);
          }
          else {
            _result = null;
          }
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      public static org.mdemu.test.ICalc sDefaultImpl;
    }
    static final int TRANSACTION_add = (android.os.IBinder.FIRST_CALL_TRANSACTION + 0);
    static final int TRANSACTION_echo = (android.os.IBinder.FIRST_CALL_TRANSACTION + 1);
    static final int TRANSACTION_secret = (android.os.IBinder.FIRST_CALL_TRANSACTION + 2);
    static final int TRANSACTION_callBack = (android.os.IBinder.FIRST_CALL_TRANSACTION + 3);
    static final int TRANSACTION_fail = (android.os.IBinder.FIRST_CALL_TRANSACTION + 4);
    static final int TRANSACTION_mix = (android.os.IBinder.FIRST_CALL_TRANSACTION + 5);
    static final int TRANSACTION_record = (android.os.IBinder.FIRST_CALL_TRANSACTION + 6);
    static final int TRANSACTION_recorded = (android.os.IBinder.FIRST_CALL_TRANSACTION + 7);
    static final int TRANSACTION_watch = (android.os.IBinder.FIRST_CALL_TRANSACTION + 8);
    static final int TRANSACTION_deaths = (android.os.IBinder.FIRST_CALL_TRANSACTION + 9);
    static final int TRANSACTION_child = (android.os.IBinder.FIRST_CALL_TRANSACTION + 10);
    static final int TRANSACTION_later = (android.os.IBinder.FIRST_CALL_TRANSACTION + 11);
    static final int TRANSACTION_laterOutcome = (android.os.IBinder.FIRST_CALL_TRANSACTION + 12);
    static final int TRANSACTION_destroyed = (android.os.IBinder.FIRST_CALL_TRANSACTION + 13);
    static final int TRANSACTION_bundleEcho = (android.os.IBinder.FIRST_CALL_TRANSACTION + 14);
    public static boolean setDefaultImpl(org.mdemu.test.ICalc impl) {
      if (Stub.Proxy.sDefaultImpl == null && impl != null) {
        Stub.Proxy.sDefaultImpl = impl;
        return true;
      }
      return false;
    }
    public static org.mdemu.test.ICalc getDefaultImpl() {
      return Stub.Proxy.sDefaultImpl;
    }
  }
  public int add(int a, int b) throws android.os.RemoteException;
  public java.lang.String echo(java.lang.String s) throws android.os.RemoteException;
  public byte[] secret() throws android.os.RemoteException;
  public int callBack(org.mdemu.test.ICallback cb, int value) throws android.os.RemoteException;
  public void fail(int code, java.lang.String message) throws android.os.RemoteException;
  public long[] mix(int[] ints, long l, double d, boolean[] flags, java.lang.String[] names, char c, byte[] bytes, float f) throws android.os.RemoteException;
  public void record(int value) throws android.os.RemoteException;
  public int[] recorded() throws android.os.RemoteException;
  public void watch(android.os.IBinder b) throws android.os.RemoteException;
  public int deaths() throws android.os.RemoteException;
  public org.mdemu.test.ICalc child() throws android.os.RemoteException;
  public void later(org.mdemu.test.ICallback cb, int value) throws android.os.RemoteException;
  public int[] laterOutcome() throws android.os.RemoteException;
  public int destroyed() throws android.os.RemoteException;
  public android.os.PersistableBundle bundleEcho(android.os.PersistableBundle b) throws android.os.RemoteException;
}
