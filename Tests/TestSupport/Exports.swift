// The tests that run the built binary start it with Plumbing's `ChildProcess`.
@_exported import Plumbing
