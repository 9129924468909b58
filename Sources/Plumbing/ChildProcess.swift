import Foundation

/// A child process, started with `posix_spawn` and reaped with `waitpid`: a post's alert notifier, and the
/// built binary in the tests.
///
/// Neither uses Foundation's `Process`: on Linux it watches each child through a run loop on a
/// manager thread and parks the waiting thread in its own run loop. With many tests spawning the binary
/// at once on pool threads that come and go, the test process twice died of heap corruption at thread
/// exit (`tcache_thread_shutdown(): unaligned tcache chunk detected`) while a child was being waited for.
/// This type holds no thread, no run loop and no shared state: the caller's thread does the waiting.
public final class ChildProcess {
    /// Where one of the child's standard streams goes.
    public enum Stream {
        /// `/dev/null`.
        case null
        /// A pipe this object reads from (stdout, stderr) or writes to (stdin).
        case pipe
        /// A descriptor the caller owns (a terminal, say); the child gets a copy.
        case descriptor(Int32)
    }

    /// What a finished child left: its exit status (or the signal that ended it) and what it wrote.
    public struct Outcome {
        /// The exit status; for a child ended by a signal, the signal's number (as Foundation reports it).
        public let status: Int32
        /// True when a signal ended the child.
        public let signalled: Bool
        /// Everything the child wrote to stdout (empty unless piped).
        public let stdout: Data
        /// Everything the child wrote to stderr (empty unless piped).
        public let stderr: Data
        /// True when the child outran `finish`'s timeout and its process group was killed.
        public var timedOut = false
    }

    /// The child's process id.
    public let pid: pid_t
    /// The write end of the child's stdin, when piped; closed by `closeInput()` or `finish(input:)`.
    private var input: Int32?
    private var output: Int32?
    private var errors: Int32?
    private var exit: (status: Int32, signalled: Bool)?

    /// Starts `executable` with `arguments`; `environment` replaces this process's when given. With
    /// `ownProcessGroup` the child leads a process group of its own, so that `killGroup` also ends what it
    /// started (a shell's commands).
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        directory: String? = nil, stdin: Stream = .null, stdout: Stream = .null,
        stderr: Stream = .null, ownProcessGroup: Bool = false
    ) throws {
        _ = Self.brokenPipesIgnored
        if directory != nil && Self.changeDirectory == nil { throw POSIXError(.ENOSYS) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var parentEnds: [Int32] = []
        var childEnds: [Int32] = []
        defer { for end in childEnds { close(end) } }
        func connect(_ stream: Stream, to target: Int32) throws -> Int32? {
            switch stream {
            case .null:
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0)
                return nil
            case .descriptor(let descriptor):
                posix_spawn_file_actions_adddup2(&actions, descriptor, target)
                return nil
            case .pipe:
                var ends: [Int32] = [-1, -1]
                guard pipe(&ends) == 0 else { throw POSIXError(.EMFILE) }
                for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
                let (parent, child) = target == 0 ? (ends[1], ends[0]) : (ends[0], ends[1])
                parentEnds.append(parent)
                childEnds.append(child)
                posix_spawn_file_actions_adddup2(&actions, child, target)
                return parent
            }
        }
        do {
            input = try connect(stdin, to: 0)
            output = try connect(stdout, to: 1)
            errors = try connect(stderr, to: 2)
        } catch {
            for end in parentEnds { close(end) }
            throw error
        }
        // Nothing else of the test process leaks into the child (a lock, another test's pipe end).
        _ = Self.closeFrom?(&actions, 3)
        if let directory { _ = Self.changeDirectory?(&actions, directory) }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        let pairs = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") }
        let envp = pairs + [nil]
        defer { for pair in pairs { free(pair) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if ownProcessGroup {
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        var pid: pid_t = 0
        let failure = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard failure == 0 else {
            for end in parentEnds { close(end) }
            throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .ENOEXEC)
        }
        self.pid = pid
    }

    deinit {
        for descriptor in [input, output, errors].compactMap({ $0 }) { close(descriptor) }
        if exit == nil { _ = wait() }
    }

    /// True until the child has ended (and then it is reaped).
    public var isRunning: Bool {
        if exit != nil { return false }
        var status: Int32 = 0
        let reaped = waitpid(pid, &status, WNOHANG)
        if reaped == pid { exit = Self.decode(status) }
        return exit == nil
    }

    /// True when a signal ended the child; false while it runs or when it exited.
    public var signalled: Bool { exit?.signalled ?? false }

    /// Sends `signal` to the child, unless it has been reaped already.
    public func send(_ signal: Int32) {
        if exit == nil { kill(pid, signal) }
    }

    /// Sends SIGKILL to the child's process group (started with `ownProcessGroup`), unless it has been reaped.
    public func killGroup() {
        if exit == nil { kill(-pid, SIGKILL) }
    }

    /// Writes `data` to the child's stdin (piped), then closes it.
    public func closeInput(after data: Data = Data()) {
        guard let input else { return }
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(input, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { break }  // the child closed its stdin: what it reads is its business
                offset += written
            }
        }
        close(input)
        self.input = nil
    }

    /// Waits for the child to end; its exit status (or the signal's number).
    @discardableResult
    public func wait() -> Int32 {
        while exit == nil {
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, 0)
            if reaped == pid { exit = Self.decode(status) } else if errno != EINTR { exit = (-1, false) }
        }
        return exit!.status
    }

    /// Writes `input` to the child's stdin (when piped), reads its piped stdout and stderr to their end
    /// (both at once, so neither can fill up and stall the child) and waits for it to end. With a `timeout`
    /// (seconds), a child still running then has its process group killed (`killGroup`) and is reaped.
    public func finish(input data: Data = Data(), timeout: Double? = nil) -> Outcome {
        let deadline = timeout.map { Self.uptime() + $0 }
        var timedOut = false
        var out = Data()
        var err = Data()
        var pending = data
        if pending.isEmpty { closeInput() }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while self.input != nil || output != nil || errors != nil {
            var watched: [pollfd] = []
            if let input { watched.append(pollfd(fd: input, events: Int16(POLLOUT), revents: 0)) }
            if let output { watched.append(pollfd(fd: output, events: Int16(POLLIN), revents: 0)) }
            if let errors { watched.append(pollfd(fd: errors, events: Int16(POLLIN), revents: 0)) }
            let wait = deadline.map { Int32(max(0, min(1_000, ($0 - Self.uptime()) * 1_000))) } ?? -1
            guard poll(&watched, nfds_t(watched.count), wait) >= 0 || errno == EINTR else { break }
            if let deadline, Self.uptime() >= deadline {
                timedOut = true
                break
            }
            for entry in watched where entry.revents != 0 {
                if entry.fd == input {
                    let count = pending.withUnsafeBytes {
                        Glibc.write(entry.fd, $0.baseAddress!, min($0.count, 65_536))
                    }
                    if count > 0 { pending.removeFirst(count) }
                    if count <= 0 && errno != EINTR && errno != EAGAIN || pending.isEmpty { closeInput() }
                    continue
                }
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 {
                    if entry.fd == output {
                        out.append(contentsOf: buffer[..<count])
                    } else {
                        err.append(contentsOf: buffer[..<count])
                    }
                } else if count == 0 || errno != EINTR {
                    close(entry.fd)
                    if entry.fd == output { output = nil } else { errors = nil }
                }
            }
        }
        if !timedOut, let deadline { timedOut = !reaped(by: deadline) }
        if timedOut { killGroup() }
        let status = wait()
        var outcome = Outcome(status: status, signalled: exit!.signalled, stdout: out, stderr: err)
        outcome.timedOut = timedOut
        return outcome
    }

    /// Waits until the child ends or `deadline` (`uptime`) passes; true when it ended.
    private func reaped(by deadline: Double) -> Bool {
        while isRunning {
            guard Self.uptime() < deadline else { return false }
            usleep(5_000)
        }
        return true
    }

    /// Seconds on the monotonic clock.
    private static func uptime() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// A child that closes its stdin early must fail that write, not kill the test process.
    private static let brokenPipesIgnored: Bool = {
        signal(SIGPIPE, SIG_IGN)
        return true
    }()

    private static func decode(_ status: Int32) -> (status: Int32, signalled: Bool) {
        let signal = status & 0x7f
        return signal == 0 ? ((status >> 8) & 0xff, false) : (signal, true)
    }

    // glibc has both (2.29 and 2.34) but Swift's Glibc module does not declare them.
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
    private typealias ChangeDirectory =
        @convention(c) (
            UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?
        ) -> Int32
    private static var closeFrom: CloseFrom? { symbol("posix_spawn_file_actions_addclosefrom_np") }
    private static var changeDirectory: ChangeDirectory? { symbol("posix_spawn_file_actions_addchdir_np") }

    private static func symbol<Function>(_ name: String) -> Function? {
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(address, to: Function.self)
    }
}
