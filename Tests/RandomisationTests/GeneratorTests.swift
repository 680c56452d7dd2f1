import Randomisation
import Testing

/// Test vectors for PreventKit's generator. The published vectors (SplitMix64 from seed 0 and
/// xoshiro256** from state 1, 2, 3, 4) match the authors' reference C code; the others come
/// from `ReferenceScripts/generator_vectors.py`, an independent Python implementation.
struct GeneratorVectorCase: Sendable, CustomStringConvertible {
    let description: String
    let outputs: @Sendable () -> [UInt64]
    let expected: [UInt64]
}

private let generatorCases: [GeneratorVectorCase] = [
    .init(description: "SplitMix64 seed 0", outputs: {
        var g = SplitMix64(seed: 0)
        return (0 ..< 4).map { _ in g.next() }
    }, expected: [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F, 0xF88B_B8A8_724C_81EC]),
    .init(description: "xoshiro256** state (1, 2, 3, 4)", outputs: {
        var g = Xoshiro256StarStar(state: (1, 2, 3, 4))
        return (0 ..< 6).map { _ in g.next() }
    }, expected: [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240, 1_216_172_134_540_287_360, 607_988_272_756_665_600]),
    .init(description: "xoshiro256** seeded 20151203", outputs: {
        var g = Xoshiro256StarStar(seed: 20_151_203)
        return (0 ..< 4).map { _ in g.next() }
    }, expected: [0x0464_FA1F_3172_F9C2, 0xD94D_962D_EBC0_2024, 0x8B84_9C0A_D70A_913A, 0xFF45_AB8B_7918_6992]),
    .init(description: "FNV-1a label hashes", outputs: {
        [StreamLabel().hash, StreamLabel("blocks").appending("high").appending("north").appending(3).hash]
    }, expected: [0xCBF2_9CE4_8422_2325, 0x6058_A775_F00F_B9AE]),
    .init(description: "sub-stream 20151203 blocks/high/north/3", outputs: {
        var g = Xoshiro256StarStar(seed: 20_151_203, stream: StreamLabel("blocks").appending("high").appending("north").appending(3))
        return (0 ..< 3).map { _ in g.next() }
    }, expected: [0x5816_C65A_4DA2_23ED, 0x85C1_D4C8_E43F_B249, 0xDEF9_BF12_00C7_8366]),
    .init(description: "numbered sub-stream 3 of 20151203 blocks/high/north", outputs: {
        var g = Xoshiro256StarStar(seed: 20_151_203, stream: StreamLabel("blocks").appending("high").appending("north"), index: 3)
        return (0 ..< 3).map { _ in g.next() }
    }, expected: [0x3CA6_2DAB_CF53_586C, 0xD130_6D02_0655_FD27, 0xBD8C_7325_A340_66DD]),
    .init(description: "numbered sub-stream 0 of 20151203 blocks/high/north", outputs: {
        var g = Xoshiro256StarStar(seed: 20_151_203, stream: StreamLabel("blocks").appending("high").appending("north"), index: 0)
        return (0 ..< 3).map { _ in g.next() }
    }, expected: [0x875B_13FC_A21E_BDB2, 0x884A_35E7_F5CB_918D, 0x38B7_9607_68AC_6525]),
    .init(description: "Lemire bounded integers below 6, seed 42", outputs: {
        var g = Xoshiro256StarStar(seed: 42)
        return (0 ..< 12).map { _ in g.uniform(below: UInt64(6)) }
    }, expected: [0, 2, 4, 5, 5, 4, 4, 5, 4, 3, 4, 1]),
    .init(description: "Fisher-Yates shuffle of 0...9, seed 42", outputs: {
        var g = Xoshiro256StarStar(seed: 42)
        var items = Array(UInt64(0) ... 9)
        g.shuffle(&items)
        return items
    }, expected: [9, 1, 4, 2, 8, 7, 6, 5, 3, 0]),
]

@Test(arguments: generatorCases)
func generatorMatchesItsTestVectors(_ testCase: GeneratorVectorCase) {
    #expect(testCase.outputs() == testCase.expected)
}

@Test func labelPartsAreUnambiguous() {
    #expect(StreamLabel("ab").appending("c").hash != StreamLabel("a").appending("bc").hash)
    #expect(StreamLabel("1").hash != StreamLabel().appending(1).hash)
}

@Test func boundedIntegersAreUniform() {
    // 60,000 draws below 6: chi-square with 5 df; 20.5 is its 0.999 quantile.
    var g = Xoshiro256StarStar(seed: 7)
    var counts = [Int](repeating: 0, count: 6)
    for _ in 0 ..< 60_000 { counts[g.uniform(below: 6)] += 1 }
    let chiSquare = counts.reduce(0.0) { $0 + pow2(Double($1) - 10_000) / 10_000 }
    #expect(chiSquare < 20.5, "counts \(counts)")
}

private func pow2(_ x: Double) -> Double { x * x }
