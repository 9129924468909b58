import Dispatch
import Foundation

/// Renders a batch of scans on every core and writes each image with its truth file beside it.
public enum SynthBatch {
    /// Writes `options.count` scans below `directory` (`<format>/NNNN.png|jpg` and `.json`); returns
    /// how many were written. Files are the same bytes whatever order the workers finish in.
    public static func write(_ options: SynthOptions, to directory: String) throws -> Int {
        try options.validate()
        let failure = FirstFailure()
        DispatchQueue.concurrentPerform(iterations: options.count) { index in
            guard !failure.isSet else { return }
            do {
                let scan = try ScanSynthesizer.scan(index: index, options: options)
                try save(Data(scan.imageBytes), to: directory + "/" + scan.relativePath)
                try save(scan.truthFile.encoded(), to: directory + "/" + scan.truthPath)
            } catch {
                failure.record(error, index: index)
            }
        }
        if let error = failure.error { throw error }
        return options.count
    }

    private static func save(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true)
            try data.write(to: url)
        } catch {
            throw SynthError.write(path: path, reason: error.localizedDescription)
        }
    }
}

/// The failure of the lowest-numbered scan that failed, so the reported error does not depend on timing.
private final class FirstFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var first: (index: Int, error: any Error)?

    var isSet: Bool { lock.withLock { first != nil } }
    var error: (any Error)? { lock.withLock { first?.error } }

    func record(_ error: any Error, index: Int) {
        lock.withLock { if first == nil || index < first!.index { first = (index, error) } }
    }
}
