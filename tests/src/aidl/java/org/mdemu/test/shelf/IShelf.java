/*
 * This file is auto-generated.  DO NOT MODIFY.
 */
package org.mdemu.test.shelf;
/**
 * What the Java backend supports beyond the NDK backend of Android 10's aidl (lists of parcelables, nullable
 * parcelables, inout arrays, bundles, file descriptors): compiled for Java only and served by the host in the tests.
 */
public interface IShelf extends android.os.IInterface
{
  /** Default implementation for IShelf. */
  public static class Default implements org.mdemu.test.shelf.IShelf
  {
    @Override public java.util.List<org.mdemu.test.Point> sortByX(java.util.List<org.mdemu.test.Point> points) throws android.os.RemoteException
    {
      return null;
    }
    @Override public java.util.List<java.lang.String> upper(java.util.List<java.lang.String> words) throws android.os.RemoteException
    {
      return null;
    }
    @Override public void split(java.util.List<org.mdemu.test.Point> points, java.util.List<org.mdemu.test.Point> left, java.util.List<org.mdemu.test.Point> right) throws android.os.RemoteException
    {
    }
    @Override public org.mdemu.test.Point nearest(org.mdemu.test.Point p) throws android.os.RemoteException
    {
      return null;
    }
    @Override public void swap(int[] pair) throws android.os.RemoteException
    {
    }
    @Override public android.os.PersistableBundle annotate(android.os.PersistableBundle b) throws android.os.RemoteException
    {
      return null;
    }
    @Override public android.os.IBinder echoBinder(android.os.IBinder b) throws android.os.RemoteException
    {
      return null;
    }
    @Override public java.util.List<android.os.IBinder> binders(java.util.List<android.os.IBinder> list) throws android.os.RemoteException
    {
      return null;
    }
    @Override public void store(android.os.ParcelFileDescriptor fd) throws android.os.RemoteException
    {
    }
    @Override public void drop(org.mdemu.test.Point p) throws android.os.RemoteException
    {
    }
    @Override
    public android.os.IBinder asBinder() {
      return null;
    }
  }
  /** Local-side IPC implementation stub class. */
  public static abstract class Stub extends android.os.Binder implements org.mdemu.test.shelf.IShelf
  {
    private static final java.lang.String DESCRIPTOR = "org.mdemu.test.shelf.IShelf";
    /** Construct the stub at attach it to the interface. */
    public Stub()
    {
      this.attachInterface(this, DESCRIPTOR);
    }
    /**
     * Cast an IBinder object into an org.mdemu.test.shelf.IShelf interface,
     * generating a proxy if needed.
     */
    public static org.mdemu.test.shelf.IShelf asInterface(android.os.IBinder obj)
    {
      if ((obj==null)) {
        return null;
      }
      android.os.IInterface iin = obj.queryLocalInterface(DESCRIPTOR);
      if (((iin!=null)&&(iin instanceof org.mdemu.test.shelf.IShelf))) {
        return ((org.mdemu.test.shelf.IShelf)iin);
      }
      return new org.mdemu.test.shelf.IShelf.Stub.Proxy(obj);
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
        case TRANSACTION_sortByX:
        {
          data.enforceInterface(descriptor);
          java.util.List<org.mdemu.test.Point> _arg0;
          _arg0 = data.createTypedArrayList(org.mdemu.test.Point.CREATOR);
          java.util.List<org.mdemu.test.Point> _result = this.sortByX(_arg0);
          reply.writeNoException();
          reply.writeTypedList(_result);
          return true;
        }
        case TRANSACTION_upper:
        {
          data.enforceInterface(descriptor);
          java.util.List<java.lang.String> _arg0;
          _arg0 = data.createStringArrayList();
          java.util.List<java.lang.String> _result = this.upper(_arg0);
          reply.writeNoException();
          reply.writeStringList(_result);
          return true;
        }
        case TRANSACTION_split:
        {
          data.enforceInterface(descriptor);
          java.util.List<org.mdemu.test.Point> _arg0;
          _arg0 = data.createTypedArrayList(org.mdemu.test.Point.CREATOR);
          java.util.List<org.mdemu.test.Point> _arg1;
          _arg1 = new java.util.ArrayList<org.mdemu.test.Point>();
          java.util.List<org.mdemu.test.Point> _arg2;
          _arg2 = new java.util.ArrayList<org.mdemu.test.Point>();
          this.split(_arg0, _arg1, _arg2);
          reply.writeNoException();
          reply.writeTypedList(_arg1);
          reply.writeTypedList(_arg2);
          return true;
        }
        case TRANSACTION_nearest:
        {
          data.enforceInterface(descriptor);
          org.mdemu.test.Point _arg0;
          if ((0!=data.readInt())) {
            _arg0 = org.mdemu.test.Point.CREATOR.createFromParcel(data);
          }
          else {
            _arg0 = null;
          }
          org.mdemu.test.Point _result = this.nearest(_arg0);
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
        case TRANSACTION_swap:
        {
          data.enforceInterface(descriptor);
          int[] _arg0;
          _arg0 = data.createIntArray();
          this.swap(_arg0);
          reply.writeNoException();
          reply.writeIntArray(_arg0);
          return true;
        }
        case TRANSACTION_annotate:
        {
          data.enforceInterface(descriptor);
          android.os.PersistableBundle _arg0;
          if ((0!=data.readInt())) {
            _arg0 = android.os.PersistableBundle.CREATOR.createFromParcel(data);
          }
          else {
            _arg0 = null;
          }
          android.os.PersistableBundle _result = this.annotate(_arg0);
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
        case TRANSACTION_echoBinder:
        {
          data.enforceInterface(descriptor);
          android.os.IBinder _arg0;
          _arg0 = data.readStrongBinder();
          android.os.IBinder _result = this.echoBinder(_arg0);
          reply.writeNoException();
          reply.writeStrongBinder(_result);
          return true;
        }
        case TRANSACTION_binders:
        {
          data.enforceInterface(descriptor);
          java.util.List<android.os.IBinder> _arg0;
          _arg0 = data.createBinderArrayList();
          java.util.List<android.os.IBinder> _result = this.binders(_arg0);
          reply.writeNoException();
          reply.writeBinderList(_result);
          return true;
        }
        case TRANSACTION_store:
        {
          data.enforceInterface(descriptor);
          android.os.ParcelFileDescriptor _arg0;
          if ((0!=data.readInt())) {
            _arg0 = android.os.ParcelFileDescriptor.CREATOR.createFromParcel(data);
          }
          else {
            _arg0 = null;
          }
          this.store(_arg0);
          reply.writeNoException();
          return true;
        }
        case TRANSACTION_drop:
        {
          data.enforceInterface(descriptor);
          org.mdemu.test.Point _arg0;
          if ((0!=data.readInt())) {
            _arg0 = org.mdemu.test.Point.CREATOR.createFromParcel(data);
          }
          else {
            _arg0 = null;
          }
          this.drop(_arg0);
          return true;
        }
        default:
        {
          return super.onTransact(code, data, reply, flags);
        }
      }
    }
    private static class Proxy implements org.mdemu.test.shelf.IShelf
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
      @Override public java.util.List<org.mdemu.test.Point> sortByX(java.util.List<org.mdemu.test.Point> points) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        java.util.List<org.mdemu.test.Point> _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeTypedList(points);
          boolean _status = mRemote.transact(Stub.TRANSACTION_sortByX, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().sortByX(points);
          }
          _reply.readException();
          _result = _reply.createTypedArrayList(org.mdemu.test.Point.CREATOR);
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      @Override public java.util.List<java.lang.String> upper(java.util.List<java.lang.String> words) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        java.util.List<java.lang.String> _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeStringList(words);
          boolean _status = mRemote.transact(Stub.TRANSACTION_upper, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().upper(words);
          }
          _reply.readException();
          _result = _reply.createStringArrayList();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      @Override public void split(java.util.List<org.mdemu.test.Point> points, java.util.List<org.mdemu.test.Point> left, java.util.List<org.mdemu.test.Point> right) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeTypedList(points);
          boolean _status = mRemote.transact(Stub.TRANSACTION_split, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            getDefaultImpl().split(points, left, right);
            return;
          }
          _reply.readException();
          _reply.readTypedList(left, org.mdemu.test.Point.CREATOR);
          _reply.readTypedList(right, org.mdemu.test.Point.CREATOR);
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
      }
      @Override public org.mdemu.test.Point nearest(org.mdemu.test.Point p) throws android.os.RemoteException
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
          boolean _status = mRemote.transact(Stub.TRANSACTION_nearest, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().nearest(p);
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
      @Override public void swap(int[] pair) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeIntArray(pair);
          boolean _status = mRemote.transact(Stub.TRANSACTION_swap, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            getDefaultImpl().swap(pair);
            return;
          }
          _reply.readException();
          _reply.readIntArray(pair);
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
      }
      @Override public android.os.PersistableBundle annotate(android.os.PersistableBundle b) throws android.os.RemoteException
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
          boolean _status = mRemote.transact(Stub.TRANSACTION_annotate, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().annotate(b);
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
      @Override public android.os.IBinder echoBinder(android.os.IBinder b) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        android.os.IBinder _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeStrongBinder(b);
          boolean _status = mRemote.transact(Stub.TRANSACTION_echoBinder, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().echoBinder(b);
          }
          _reply.readException();
          _result = _reply.readStrongBinder();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      @Override public java.util.List<android.os.IBinder> binders(java.util.List<android.os.IBinder> list) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        java.util.List<android.os.IBinder> _result;
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          _data.writeBinderList(list);
          boolean _status = mRemote.transact(Stub.TRANSACTION_binders, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            return getDefaultImpl().binders(list);
          }
          _reply.readException();
          _result = _reply.createBinderArrayList();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
        return _result;
      }
      @Override public void store(android.os.ParcelFileDescriptor fd) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        android.os.Parcel _reply = android.os.Parcel.obtain();
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          if ((fd!=null)) {
            _data.writeInt(1);
            fd.writeToParcel(_data, 0);
          }
          else {
            _data.writeInt(0);
          }
          boolean _status = mRemote.transact(Stub.TRANSACTION_store, _data, _reply, 0);
          if (!_status && getDefaultImpl() != null) {
            getDefaultImpl().store(fd);
            return;
          }
          _reply.readException();
        }
        finally {
          _reply.recycle();
          _data.recycle();
        }
      }
      @Override public void drop(org.mdemu.test.Point p) throws android.os.RemoteException
      {
        android.os.Parcel _data = android.os.Parcel.obtain();
        try {
          _data.writeInterfaceToken(DESCRIPTOR);
          if ((p!=null)) {
            _data.writeInt(1);
            p.writeToParcel(_data, 0);
          }
          else {
            _data.writeInt(0);
          }
          boolean _status = mRemote.transact(Stub.TRANSACTION_drop, _data, null, android.os.IBinder.FLAG_ONEWAY);
          if (!_status && getDefaultImpl() != null) {
            getDefaultImpl().drop(p);
            return;
          }
        }
        finally {
          _data.recycle();
        }
      }
      public static org.mdemu.test.shelf.IShelf sDefaultImpl;
    }
    static final int TRANSACTION_sortByX = (android.os.IBinder.FIRST_CALL_TRANSACTION + 0);
    static final int TRANSACTION_upper = (android.os.IBinder.FIRST_CALL_TRANSACTION + 1);
    static final int TRANSACTION_split = (android.os.IBinder.FIRST_CALL_TRANSACTION + 2);
    static final int TRANSACTION_nearest = (android.os.IBinder.FIRST_CALL_TRANSACTION + 3);
    static final int TRANSACTION_swap = (android.os.IBinder.FIRST_CALL_TRANSACTION + 4);
    static final int TRANSACTION_annotate = (android.os.IBinder.FIRST_CALL_TRANSACTION + 5);
    static final int TRANSACTION_echoBinder = (android.os.IBinder.FIRST_CALL_TRANSACTION + 6);
    static final int TRANSACTION_binders = (android.os.IBinder.FIRST_CALL_TRANSACTION + 7);
    static final int TRANSACTION_store = (android.os.IBinder.FIRST_CALL_TRANSACTION + 8);
    static final int TRANSACTION_drop = (android.os.IBinder.FIRST_CALL_TRANSACTION + 9);
    public static boolean setDefaultImpl(org.mdemu.test.shelf.IShelf impl) {
      if (Stub.Proxy.sDefaultImpl == null && impl != null) {
        Stub.Proxy.sDefaultImpl = impl;
        return true;
      }
      return false;
    }
    public static org.mdemu.test.shelf.IShelf getDefaultImpl() {
      return Stub.Proxy.sDefaultImpl;
    }
  }
  public java.util.List<org.mdemu.test.Point> sortByX(java.util.List<org.mdemu.test.Point> points) throws android.os.RemoteException;
  public java.util.List<java.lang.String> upper(java.util.List<java.lang.String> words) throws android.os.RemoteException;
  public void split(java.util.List<org.mdemu.test.Point> points, java.util.List<org.mdemu.test.Point> left, java.util.List<org.mdemu.test.Point> right) throws android.os.RemoteException;
  public org.mdemu.test.Point nearest(org.mdemu.test.Point p) throws android.os.RemoteException;
  public void swap(int[] pair) throws android.os.RemoteException;
  public android.os.PersistableBundle annotate(android.os.PersistableBundle b) throws android.os.RemoteException;
  public android.os.IBinder echoBinder(android.os.IBinder b) throws android.os.RemoteException;
  public java.util.List<android.os.IBinder> binders(java.util.List<android.os.IBinder> list) throws android.os.RemoteException;
  public void store(android.os.ParcelFileDescriptor fd) throws android.os.RemoteException;
  public void drop(org.mdemu.test.Point p) throws android.os.RemoteException;
}
