package android.os;

/** Declared for aidl as the Android SDK's framework.aidl declares it. */
parcelable PersistableBundle;
