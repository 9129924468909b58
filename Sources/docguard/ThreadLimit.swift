#if canImport(Glibc)
    import Glibc
#endif

/// Tesseract's OpenMP threads make it several times slower on small machines; docguard runs one engine per
/// worker instead. OpenMP reads OMP_THREAD_LIMIT once, when libtesseract is loaded, before `main` runs: so
/// when it is unset, docguard sets it and re-executes itself, once.
enum ThreadLimit {
    static func ensureSingleThreadedOCR() {
        #if os(Linux)
            guard getenv("OMP_THREAD_LIMIT") == nil else { return }
            setenv("OMP_THREAD_LIMIT", "1", 1)
            execv("/proc/self/exe", CommandLine.unsafeArgv)
        // exec failed: carry on, only slower.
        #endif
    }
}
