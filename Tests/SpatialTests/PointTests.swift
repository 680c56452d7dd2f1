import Testing
import Spatial

@Test func distanceIsEuclidean() {
    #expect(Point(x: 0, y: 0).distance(to: Point(x: 3, y: 4)) == 5)
    #expect(Point(x: 400_000, y: 100_000).distance(to: Point(x: 400_000, y: 100_250)) == 250)
}
