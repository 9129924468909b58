#if canImport(Glibc)
    import Glibc
#endif

/// libpng, libjpeg and libtiff, called through Leptonica, print their warnings and errors to the C `stderr`
/// stream with no way for the caller to set handlers (52 raw lines for one truncated TIFF), while docguard
/// reports every bad file in its own result (`BAD_FILE`). So at the default level the C `stderr` stream goes
/// to /dev/null; docguard's own messages are written to file descriptor 2 directly and still show.
/// `DOCGUARD_LIBRARY_MESSAGES=1` keeps the libraries' messages, for looking into a decoder.
public enum LibraryMessages {
    /// Sends the C `stderr` stream to /dev/null unless `DOCGUARD_LIBRARY_MESSAGES` is set.
    public static func silenceUnlessAsked() {
        #if os(Linux)
            guard getenv("DOCGUARD_LIBRARY_MESSAGES") == nil, let sink = fopen("/dev/null", "w") else { return }
            // The C variable `stderr`, reached by its symbol: Swift 6 refuses to assign a C global directly.
            guard let symbol = dlsym(nil, "stderr") else {
                fclose(sink)
                return
            }
            symbol.assumingMemoryBound(to: UnsafeMutablePointer<FILE>?.self).pointee = sink
        #endif
    }
}
