/// A point or direction in page pixel coordinates (x right, y down).
public struct Point: Sendable, Equatable {
    /// Horizontal coordinate.
    public var x: Double
    /// Vertical coordinate.
    public var y: Double

    /// A point at (x, y).
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// Sum of two vectors.
    public static func + (a: Point, b: Point) -> Point { Point(x: a.x + b.x, y: a.y + b.y) }
    /// Difference of two vectors.
    public static func - (a: Point, b: Point) -> Point { Point(x: a.x - b.x, y: a.y - b.y) }
    /// Vector scaled by `k`.
    public static func * (a: Point, k: Double) -> Point { Point(x: a.x * k, y: a.y * k) }
    /// Dot product.
    public func dot(_ other: Point) -> Double { x * other.x + y * other.y }
    /// The unit vector at `radians` from the x axis (clockwise on screen, since y points down).
    public static func unit(_ radians: Double) -> Point { Point(x: cos(radians), y: sin(radians)) }
    /// This direction turned a quarter clockwise on screen: from a reading direction, "down the page".
    public var turnedClockwise: Point { Point(x: -y, y: x) }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
