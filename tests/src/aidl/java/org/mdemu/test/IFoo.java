/*
 * This file is auto-generated.  DO NOT MODIFY.
 */
package org.mdemu.test;
/**
 * The AIDL fixture of mdemu: one interface for both sides. The payload implements it in C++ (NDK backend, BnFoo),
 * the host calls it through the Java backend's proxy. Android 10's aidl (Debian's) has no enum declarations, so
 * the shape kinds are int constants.
 */
public interface IFoo extends android.os.IInterface
{
  /**
   * The version of this interface that the caller is built against.
   * This might be different from what {@link #getInterfaceVersion()
   * getInterfaceVersion} returns as that is the version of the interface
   * that the remote object is implementing.
   */
  public static final int VERSION = 3;
  /** Default implementation for IFoo. */
  public static class Default implements org.mdemu.test.IFoo
  {
    @Override public boolean negate(boolean b) throws android.os.RemoteException
    {
      return false;
    }
    @Override public byte addBytes(byte a, byte b) throws android.os.RemoteException
    {
      return 0;
    }
    @Override public char nextChar(char c) throws android.os.RemoteException
    {
      return '\u0000';
    }
    @Override public int add(int a, int b) throws android.os.RemoteException
    {
      return 0;
    }
    @Override public long multiply(long a, long b) throws android.os.RemoteException
    {
      return 0L;
    }
    @Override public float half(float f) throws android.os.RemoteException
    {
      return 0.0f;
    }
    @Override public double sqrt(double d) throws android.os.RemoteException
    {
      return 0.0d;
    }
    @Override public java.lang.String echo(java.lang.String s) throws android.os.RemoteException
    {
      return null;
    }
    @Override public java.lang.String echoNullable(java.lang.String s) throws android.os.RemoteException
    {
      return null;
    }
    @Override public int[] reverseInts(int[] values) throws android.os.RemoteException
    {
      return null;
    }
    @Override public int[] reverseNullable(int[] values) throws android.os.RemoteException
    {
      return null;
    }
    @Override public long[] squares(long[] values) throws android.os.RemoteException
    {
      return null;
    }
    @Override public java.lang.String[] sortStrings(java.lang.String[] values) throws android.os.RemoteException
    {
      return null;
    }
    @Override public byte[] xorBytes(byte[] data, byte key) throws android.os.RemoteException
    {
      return null;
    }
    @Override public boolean[] invert(boolean[] values) throws android.os.RemoteException
    {
      return null;
    }
    @Override public double[] scale(double[] values, double factor) throws android.os.RemoteException
    {
      return null;
    }
    @Override public void fill(int value, int[] values) throws android.os.RemoteException
    {
    }
    @Override public org.mdemu.test.Point translate(org.mdemu.test.Point p, int dx, int dy) throws android.os.RemoteException
    {
      return null;
    }
    @Override public org.mdemu.test.Point[] mirror(org.mdemu.test.Point[] points) throws android.os.RemoteException
    {
      return null;
    }
    @Override public int shapeOf(org.mdemu.test.Point[] points) throws android.os.RemoteException
    {
      return 0;
    }
    @Override public void record(int value) throws android.os.RemoteException
    {
    }
    @Override public int[] recorded() throws android.os.RemoteException
    {
      return null;
    }
    @Override public int callBack(org.mdemu.test.IFooCallback callback, int value) throws android.os.RemoteException
    {
      return 0;
    }
    @Override public void registerCallback(org.mdemu.test.IFooCallback callback) throws android.os.RemoteException
    {
    }
    @Override public void notifyCallbacks(java.lang.String event) throws android.os.RemoteException
    {
    }
    @Override public org.mdemu.test.IFooSession openSession(java.lang.String name) throws android.os.RemoteException
    {
      return null;
    }
    @Override public void fail(int errorCode, java.lang.String message) throws android.os.RemoteException
    {
    }
    @Override
    public int getInterfaceVersion() {
      return -1;
    }
    @Override
    public android.os.IBinder asBinder() {
      return null;
    }
  }
  /** Local-side IPC implementation stub class. */
  public static abstract class Stub extends android.os.Binder implements org.mdemu.test.IFoo
  {
    private static final java.lang.String DESCRIPTOR = "org.mdemu.test.IFoo";
    /** Construct the stub at attach it to the interface. */
    public Stub()
    {
      this.attachInterface(this, DESCRIPTOR);
    }
    /**
     * Cast an IBinder object into an org.mdemu.test.IFoo interface,
     * generating a proxy if needed.
     */
    public static org.mdemu.test.IFoo asInterface(android.os.IBinder obj)
    {
      if ((obj==null)) {
        return null;
      }
      android.os.IInterface iin = obj.queryLocalInterface(DESCRIPTOR);
      if (((iin!=null)&&(iin instanceof org.mdemu.test.IFoo))) {
        return ((org.mdemu.test.IFoo)iin);
      }
      return new org.mdemu.test.IFoo.Stub.Proxy(obj);
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
        case TRANSACTION_negate:
        {
          data.enforceInterface(descriptor);
          boolean _arg0;
          _arg0 = (0!=data.readInt());
          boolean _result = this.negate(_arg0);
          reply.writeNoException();
          reply.writeInt(((_result)?(1):(0)));
          return true;
        }
        case TRANSACTION_addBytes:
        {
          data.enforceInterface(descriptor);
          byte _arg0;
          _arg0 = data.readByte();
          byte _arg1;
          _arg1 = data.readByte();
          byte _result = this.addBytes(_arg0, _arg1);
          reply.writeNoException();
          reply.writeByte(_result);
          return true;
        }
        case TRANSACTION_nextChar:
        {
          data.enforceInterface(descriptor);
          char _arg0;
          _arg0 = (char)data.readInt();
          char _result = this.nextChar(_arg0);
          reply.writeNoException();
          reply.writeInt(((int)_result));
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
        case TRANSACTION_multiply:
        {
          data.enforceInterface(descriptor);
          long _arg0;
          _arg0 = data.readLong();
          long _arg1;
          _arg1 = data.readLong();
          long _result = this.multiply(_arg0, _arg1);
          reply.writeNoException();
          reply.writeLong(_result);
          return true;
        }
        case TRANSACTION_half:
        {
          data.enforceInterface(descriptor);
          float _arg0;
          _arg0 = data.readFloat();
          float _result = this.half(_arg0);
          reply.writeNoException();
          reply.writeFloat(_result);
          return true;
        }
        case TRANSACTION_sqrt:
        {
          data.enforceInterface(descriptor);
          double _arg0;
          _arg0 = data.readDouble();
          double _result = this.sqrt(_arg0);
          reply.writeNoException();
          reply.writeDouble(_result);
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
        case TRANSACTION_echoNullable:
        {
          data.enforceInterface(descriptor);
          java.lang.String _arg0;
          _arg0 = data.readString();
          java.lang.String _result = this.echoNullable(_arg0);
          reply.writeNoException();
          reply.writeString(_result);
          return true;
        }
        case TRANSACTION_reverseInts:
        {
          data.enforceInterface(descriptor);
          int[] _arg0;
          _arg0 = data.createIntArray();
          int[] _result = this.reverseInts(_arg0);
          reply.writeNoException();
          reply.writeIntArray(_result);
          return true;
        }
        case TRANSACTION_reverseNullable:
        {
          data.enforceInterface(descriptor);
          int[] _arg0;
          _arg0 = data.createIntArray();
          int[] _result = this.reverseNullable(_arg0);
          reply.writeNoException();
          reply.writeIntArray(_result);
          return true;
        }
        case TRANSACTION_squares:
        {
          data.enforceInterface(descriptor);
          long[] _arg0;
          _arg0 = data.createLongArray();
          long[] _result = this.squares(_arg0);
          reply.writeNoException();
          reply.writeLongArray(_result);
          return true;
        }
        case TRANSACTION_sortStrings:
        {
          data.enforceInterface(descriptor);
          java.lang.String[] _arg0;
          _arg0 = data.createStringArray();
          java.lang.String[] _result = this.sortStrings(_arg0);
          reply.writeNoException();
          reply.writeStringArray(_result);
          return true;
        }
        case TRANSACTION_xorBytes:
        {
          data.enforceInterface(descriptor);
          byte[] _arg0;
          _arg0 = data.createByteArray();
          byte _arg1;
          _arg1 = data.readByte();
          byte[] _result = this.xorBytes(_arg0, _arg1);
          reply.writeNoException();
          reply.writeByteArray(_result);
          return true;
        }
        case TRANSACTION_invert:
        {
          data.enforceInterface(descriptor);
          boolean[] _arg0;
          _arg0 = data.createBooleanArray();
          boolean[] _result = this.invert(_arg0);
          reply.writeNoException();
          reply.writeBooleanArray(_result);
          return true;
        }
        case TRANSACTION_scale:
        {
          data.enforceInterface(descriptor);
          double[] _arg0;
          _arg0 = data.createDoubleArray();
          double _arg1;
          _arg1 = data.readDouble();
          double[] _result = this.scale(_arg0, _arg1);
          reply.writeNoException();
          reply.writeDoubleArray(_result);
          return true;
        }
        case TRANSACTION_fill:
        {
          data.enforceInterface(descriptor);
          int _arg0;
          _arg0 = data.readInt();
          int[] _arg1;
          int _arg1_length = data.readInt();
          if ((_arg1_length<0)) {
            _arg1 = null;
          }
          else {
            _arg1 = new int[_arg1_length];
          }
          this.fill(_arg0, _arg1);
          reply.writeNoException();
          reply.writeIntArray(_arg1);
          return true;
        }
        case TRANSACTION_translate:
        {
          data.enforceInterface(descriptor);
          org.mdemu.test.Point _arg0;
          if ((0!=data.readInt())) {
            _arg0 = org.mdemu.test.Point.CREATOR.createFromParcel(data);
          }
          else {
            _arg0 = null;
          }
          int _arg1;
          _arg1 = data.readInt();
          int _arg2;
          _arg2 = data.readInt();
          org.mdemu.test.Point _result = this.translate(_arg0, _arg1, _arg2);
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
        case TRANSACTION_mirror:
        {
          data.enforceInterface(descriptor);
          org.mdemu.test.Point[] _arg0;
          _arg0 = data.createTypedArray(org.mdemu.test.Point.CREATOR);
          org.mdemu.test.Point[] _result = this.mirror(_arg0);
          reply.writeNoException();
          reply.writeTypedArray(_result, android.os.Parcelable.PARCELABLE_WRITE_RETURN_VALUE);
          return true;
        }
        case TRANSACTION_shapeOf:
        {
          data.enforceInterface(descriptor);
          org.mdemu.test.Point[] _arg0;
          _arg0 = data.createTypedArray(org.mdemu.test.Point.CREATOR);
          int _result = this.shapeOf(_arg0);
          reply.writeNoException();
          reply.writeInt(_result);
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
        case TRANSACTION_callBack:
        {
          data.enforceInterface(descriptor);
          org.mdemu.test.IFooCallback _arg0;
          _arg0 = org.mdemu.test.IFooCallback.Stub.asInterface(data.readStrongBinder());
          int _arg1;
          _arg1 = data.readInt();
          int _result = this.callBack(_arg0, _arg1);
          reply.writeNoException();
          reply.writeInt(_result);
          return true;
        }
        case TRANSACTION_registerCallback:
        {
          data.enforceInterface(descriptor);
          org.mdemu.test.IFooCallback _arg0;
          _arg0 = org.mdemu.test.IFooCallback.Stub.asInterface(data.readStrongBinder());
          this.registerCallback(_arg0);
          reply.writeNoException();
          return true;
        }
        case TRANSACTION_notifyCallbacks:
        {
          data.enforceInterface(descriptor);
          java.lang.String _arg0;
          _arg0 = data.readString();
          this.notifyCallbacks(_arg0);
          reply.writeNoException();
          return true;
        }
        case TRANSACTION_openSession:
        {
          data.enforceInterface(descriptor);
          java.lang.String _arg0;
          _arg0 = data.readString();
          org.mdemu.test.IFooSession _result = this.openSession(_arg0);
          reply.writeNoException();
          reply.writeStrongBinder((((_result!=null))?(_result.asBinder()):(null)));
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
        case TRANSACTION_getInterfaceVersion:
        {
          data.enforceInterface(descriptor);
          reply.writeNoException();
          reply.writeInt(getInterfaceVersion());
          return true;
        }
        default:
        {
          return super.onTransact(code, data, reply, flags);
        }
      }
    }
    private static class Proxy implements org.mdemu.test.IFoo
    {
      private android.os.IBinder mRemote;
      Proxy(android.os.IBinder remote)
      {
        mRemote = remote;
      }
      private int mCachedVersion = -1;
      @Override public android.os.IBinder asBinder()
      {
        return mRemote;
      }
      public java.lang.String getInterfaceDescriptor()
      {
        return DESCRIPTOR;
      }
      @Override public boolean negate(boolean b) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        boolean _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeInt(((b)?(1):(0)));
          boolean _status = mRemote.transact(Stub.TRANSACTION_negate, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().negate(b);
          }
          _reply.readException();
          _result = (0!=_reply.readInt());
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      @Override public byte addBytes(byte a, byte b) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        byte _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeByte(a);
          _data.writeByte(b);
          boolean _status = mRemote.transact(Stub.TRANSACTION_addBytes, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().addBytes(a, b);
          }
          _reply.readException();
          _result = _reply.readByte();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      @Override public char nextChar(char c) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        char _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeInt(((int)c));
          boolean _status = mRemote.transact(Stub.TRANSACTION_nextChar, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().nextChar(c);
          }
          _reply.readException();
          _result = (char)_reply.readInt();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
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
      @Override public long multiply(long a, long b) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        long _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeLong(a);
          _data.writeLong(b);
          boolean _status = mRemote.transact(Stub.TRANSACTION_multiply, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().multiply(a, b);
          }
          _reply.readException();
          _result = _reply.readLong();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      @Override public float half(float f) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        float _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeFloat(f);
          boolean _status = mRemote.transact(Stub.TRANSACTION_half, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().half(f);
          }
          _reply.readException();
          _result = _reply.readFloat();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      @Override public double sqrt(double d) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        double _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeDouble(d);
          boolean _status = mRemote.transact(Stub.TRANSACTION_sqrt, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().sqrt(d);
          }
          _reply.readException();
          _result = _reply.readDouble();
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
      @Override public java.lang.String echoNullable(java.lang.String s) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        java.lang.String _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeString(s);
          boolean _status = mRemote.transact(Stub.TRANSACTION_echoNullable, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().echoNullable(s);
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
      @Override public int[] reverseInts(int[] values) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        int[] _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeIntArray(values);
          boolean _status = mRemote.transact(Stub.TRANSACTION_reverseInts, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().reverseInts(values);
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
      @Override public int[] reverseNullable(int[] values) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        int[] _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeIntArray(values);
          boolean _status = mRemote.transact(Stub.TRANSACTION_reverseNullable, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().reverseNullable(values);
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
      @Override public long[] squares(long[] values) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        long[] _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeLongArray(values);
          boolean _status = mRemote.transact(Stub.TRANSACTION_squares, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().squares(values);
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
      @Override public java.lang.String[] sortStrings(java.lang.String[] values) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        java.lang.String[] _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeStringArray(values);
          boolean _status = mRemote.transact(Stub.TRANSACTION_sortStrings, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().sortStrings(values);
          }
          _reply.readException();
          _result = _reply.createStringArray();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      @Override public byte[] xorBytes(byte[] data, byte key) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        byte[] _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeByteArray(data);
          _data.writeByte(key);
          boolean _status = mRemote.transact(Stub.TRANSACTION_xorBytes, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().xorBytes(data, key);
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
      @Override public boolean[] invert(boolean[] values) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        boolean[] _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeBooleanArray(values);
          boolean _status = mRemote.transact(Stub.TRANSACTION_invert, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().invert(values);
          }
          _reply.readException();
          _result = _reply.createBooleanArray();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      @Override public double[] scale(double[] values, double factor) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        double[] _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeDoubleArray(values);
          _data.writeDouble(factor);
          boolean _status = mRemote.transact(Stub.TRANSACTION_scale, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().scale(values, factor);
          }
          _reply.readException();
          _result = _reply.createDoubleArray();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      @Override public void fill(int value, int[] values) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeInt(value);
          if ((values==null)) {
            _data.writeInt(-1);
          }
          else {
            _data.writeInt(values.length);
          }
          boolean _status = mRemote.transact(Stub.TRANSACTION_fill, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            getDefaultImpl().fill(value, values);
            return;
          }
          _reply.readException();
          _reply.readIntArray(values);
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
      }
      @Override public org.mdemu.test.Point translate(org.mdemu.test.Point p, int dx, int dy) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        org.mdemu.test.Point _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          if ((p!=null)) {
            _data.writeInt(1);
            p.writeToParcel(_data, 0);
          }
          else {
            _data.writeInt(0);
          }
          _data.writeInt(dx);
          _data.writeInt(dy);
          boolean _status = mRemote.transact(Stub.TRANSACTION_translate, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().translate(p, dx, dy);
          }
          _reply.readException();
          if ((0!=_reply.readInt())) {
            _result = org.mdemu.test.Point.CREATOR.createFromParcel(_reply);
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
      @Override public org.mdemu.test.Point[] mirror(org.mdemu.test.Point[] points) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        org.mdemu.test.Point[] _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeTypedArray(points, 0);
          boolean _status = mRemote.transact(Stub.TRANSACTION_mirror, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().mirror(points);
          }
          _reply.readException();
          _result = _reply.createTypedArray(org.mdemu.test.Point.CREATOR);
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      @Override public int shapeOf(org.mdemu.test.Point[] points) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        int _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeTypedArray(points, 0);
          boolean _status = mRemote.transact(Stub.TRANSACTION_shapeOf, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().shapeOf(points);
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
      @Override public int callBack(org.mdemu.test.IFooCallback callback, int value) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        int _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeStrongBinder((((callback!=null))?(callback.asBinder()):(null)));
          _data.writeInt(value);
          boolean _status = mRemote.transact(Stub.TRANSACTION_callBack, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().callBack(callback, value);
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
      @Override public void registerCallback(org.mdemu.test.IFooCallback callback) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeStrongBinder((((callback!=null))?(callback.asBinder()):(null)));
          boolean _status = mRemote.transact(Stub.TRANSACTION_registerCallback, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            getDefaultImpl().registerCallback(callback);
            return;
          }
          _reply.readException();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
      }
      @Override public void notifyCallbacks(java.lang.String event) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeString(event);
          boolean _status = mRemote.transact(Stub.TRANSACTION_notifyCallbacks, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            getDefaultImpl().notifyCallbacks(event);
            return;
          }
          _reply.readException();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
      }
      @Override public org.mdemu.test.IFooSession openSession(java.lang.String name) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        org.mdemu.test.IFooSession _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeString(name);
          boolean _status = mRemote.transact(Stub.TRANSACTION_openSession, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().openSession(name);
          }
          _reply.readException();
          _result = org.mdemu.test.IFooSession.Stub.asInterface(_reply.readStrongBinder());
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      @Override public void fail(int errorCode, java.lang.String message) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeInt(errorCode);
          _data.writeString(message);
          boolean _status = mRemote.transact(Stub.TRANSACTION_fail, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            getDefaultImpl().fail(errorCode, message);
            return;
          }
          _reply.readException();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
      }
      @Override
      public int getInterfaceVersion() throws android.os.RemoteException {
        if (mCachedVersion == -1) {
          android.os.Parcel data = android.os.Parcel.obtain();
          android.os.Parcel reply = android.os.Parcel.obtain();
          try {
            data.writeInterfaceToken(DESCRIPTOR);
            mRemote.transact(Stub.TRANSACTION_getInterfaceVersion, data, reply, 0);
            reply.readException();
            mCachedVersion = reply.readInt();
          } finally {
            reply.recycle();
            data.recycle();
          }
        }
        return mCachedVersion;
      }
      public static org.mdemu.test.IFoo sDefaultImpl;
    }
    static final int TRANSACTION_negate = (android.os.IBinder.FIRST_CALL_TRANSACTION + 0);
    static final int TRANSACTION_addBytes = (android.os.IBinder.FIRST_CALL_TRANSACTION + 1);
    static final int TRANSACTION_nextChar = (android.os.IBinder.FIRST_CALL_TRANSACTION + 2);
    static final int TRANSACTION_add = (android.os.IBinder.FIRST_CALL_TRANSACTION + 3);
    static final int TRANSACTION_multiply = (android.os.IBinder.FIRST_CALL_TRANSACTION + 4);
    static final int TRANSACTION_half = (android.os.IBinder.FIRST_CALL_TRANSACTION + 5);
    static final int TRANSACTION_sqrt = (android.os.IBinder.FIRST_CALL_TRANSACTION + 6);
    static final int TRANSACTION_echo = (android.os.IBinder.FIRST_CALL_TRANSACTION + 7);
    static final int TRANSACTION_echoNullable = (android.os.IBinder.FIRST_CALL_TRANSACTION + 8);
    static final int TRANSACTION_reverseInts = (android.os.IBinder.FIRST_CALL_TRANSACTION + 9);
    static final int TRANSACTION_reverseNullable = (android.os.IBinder.FIRST_CALL_TRANSACTION + 10);
    static final int TRANSACTION_squares = (android.os.IBinder.FIRST_CALL_TRANSACTION + 11);
    static final int TRANSACTION_sortStrings = (android.os.IBinder.FIRST_CALL_TRANSACTION + 12);
    static final int TRANSACTION_xorBytes = (android.os.IBinder.FIRST_CALL_TRANSACTION + 13);
    static final int TRANSACTION_invert = (android.os.IBinder.FIRST_CALL_TRANSACTION + 14);
    static final int TRANSACTION_scale = (android.os.IBinder.FIRST_CALL_TRANSACTION + 15);
    static final int TRANSACTION_fill = (android.os.IBinder.FIRST_CALL_TRANSACTION + 16);
    static final int TRANSACTION_translate = (android.os.IBinder.FIRST_CALL_TRANSACTION + 17);
    static final int TRANSACTION_mirror = (android.os.IBinder.FIRST_CALL_TRANSACTION + 18);
    static final int TRANSACTION_shapeOf = (android.os.IBinder.FIRST_CALL_TRANSACTION + 19);
    static final int TRANSACTION_record = (android.os.IBinder.FIRST_CALL_TRANSACTION + 20);
    static final int TRANSACTION_recorded = (android.os.IBinder.FIRST_CALL_TRANSACTION + 21);
    static final int TRANSACTION_callBack = (android.os.IBinder.FIRST_CALL_TRANSACTION + 22);
    static final int TRANSACTION_registerCallback = (android.os.IBinder.FIRST_CALL_TRANSACTION + 23);
    static final int TRANSACTION_notifyCallbacks = (android.os.IBinder.FIRST_CALL_TRANSACTION + 24);
    static final int TRANSACTION_openSession = (android.os.IBinder.FIRST_CALL_TRANSACTION + 25);
    static final int TRANSACTION_fail = (android.os.IBinder.FIRST_CALL_TRANSACTION + 26);
    static final int TRANSACTION_getInterfaceVersion = (android.os.IBinder.FIRST_CALL_TRANSACTION + 16777214);
    public static boolean setDefaultImpl(org.mdemu.test.IFoo impl) {
      if (Stub.Proxy.sDefaultImpl == null && impl != null) {
        Stub.Proxy.sDefaultImpl = impl;
        return true;
      }
      return false;
    }
    public static org.mdemu.test.IFoo getDefaultImpl() {
      return Stub.Proxy.sDefaultImpl;
    }
  }
  public static final int ERROR_REFUSED = 1;
  public static final int ERROR_NOT_FOUND = 2;
  public static final int SHAPE_POINT = 0;
  public static final int SHAPE_LINE = 1;
  public static final int SHAPE_POLYGON = 2;
  public boolean negate(boolean b) throws android.os.RemoteException;
  public byte addBytes(byte a, byte b) throws android.os.RemoteException;
  public char nextChar(char c) throws android.os.RemoteException;
  public int add(int a, int b) throws android.os.RemoteException;
  public long multiply(long a, long b) throws android.os.RemoteException;
  public float half(float f) throws android.os.RemoteException;
  public double sqrt(double d) throws android.os.RemoteException;
  public java.lang.String echo(java.lang.String s) throws android.os.RemoteException;
  public java.lang.String echoNullable(java.lang.String s) throws android.os.RemoteException;
  public int[] reverseInts(int[] values) throws android.os.RemoteException;
  public int[] reverseNullable(int[] values) throws android.os.RemoteException;
  public long[] squares(long[] values) throws android.os.RemoteException;
  public java.lang.String[] sortStrings(java.lang.String[] values) throws android.os.RemoteException;
  public byte[] xorBytes(byte[] data, byte key) throws android.os.RemoteException;
  public boolean[] invert(boolean[] values) throws android.os.RemoteException;
  public double[] scale(double[] values, double factor) throws android.os.RemoteException;
  public void fill(int value, int[] values) throws android.os.RemoteException;
  public org.mdemu.test.Point translate(org.mdemu.test.Point p, int dx, int dy) throws android.os.RemoteException;
  public org.mdemu.test.Point[] mirror(org.mdemu.test.Point[] points) throws android.os.RemoteException;
  public int shapeOf(org.mdemu.test.Point[] points) throws android.os.RemoteException;
  public void record(int value) throws android.os.RemoteException;
  public int[] recorded() throws android.os.RemoteException;
  public int callBack(org.mdemu.test.IFooCallback callback, int value) throws android.os.RemoteException;
  public void registerCallback(org.mdemu.test.IFooCallback callback) throws android.os.RemoteException;
  public void notifyCallbacks(java.lang.String event) throws android.os.RemoteException;
  public org.mdemu.test.IFooSession openSession(java.lang.String name) throws android.os.RemoteException;
  public void fail(int errorCode, java.lang.String message) throws android.os.RemoteException;
  public int getInterfaceVersion() throws android.os.RemoteException;
}
