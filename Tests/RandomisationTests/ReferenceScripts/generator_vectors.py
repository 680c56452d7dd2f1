#!/usr/bin/env python3
"""Reference outputs of SplitMix64, xoshiro256** and FNV-1a stream labels, written independently
of the Swift code from the published algorithms, for GeneratorTests.swift.

Run: python3 generator_vectors.py
"""
M = (1 << 64) - 1


def splitmix_mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return z ^ (z >> 31)


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & M

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & M
        return splitmix_mix(self.state)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M


class Xoshiro256StarStar:
    def __init__(self, state):
        self.s = list(state)

    @classmethod
    def seeded(cls, seed):
        sm = SplitMix64(seed)
        return cls([sm.next() for _ in range(4)])

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result


def fnv_label(parts):
    h = 0xCBF29CE484222325
    P = 0x100000001B3
    for part in parts:
        if isinstance(part, str):
            for b in part.encode():
                h = ((h ^ b) * P) & M
            h = ((h ^ 0xFF) * P) & M
        else:
            h = ((h ^ 0xFE) * P) & M
            v = part & M
            for _ in range(8):
                h = ((h ^ (v & 0xFF)) * P) & M
                v >>= 8
    return h


def stream_seed(seed, parts):
    return splitmix_mix(seed ^ splitmix_mix(fnv_label(parts)))


def stream(seed, parts):
    return Xoshiro256StarStar.seeded(stream_seed(seed, parts))


def numbered_stream(seed, parts, index):
    return Xoshiro256StarStar.seeded(splitmix_mix(stream_seed(seed, parts) ^ splitmix_mix((index + 0x9E3779B97F4A7C15) & M)))


def lemire(gen, bound):
    x = gen.next()
    m = x * bound
    low = m & M
    if low < bound:
        threshold = ((1 << 64) - bound) % bound
        while low < threshold:
            x = gen.next()
            m = x * bound
            low = m & M
    return m >> 64


if __name__ == "__main__":
    sm = SplitMix64(0)
    print("splitmix64(0):", [hex(sm.next()) for _ in range(4)])
    x = Xoshiro256StarStar([1, 2, 3, 4])
    print("xoshiro(1,2,3,4):", [x.next() for _ in range(6)])
    x = Xoshiro256StarStar.seeded(20151203)
    print("xoshiro seeded 20151203:", [hex(x.next()) for _ in range(4)])
    print("fnv label []:", hex(fnv_label([])))
    print("fnv label ['blocks','high','north',3]:", hex(fnv_label(["blocks", "high", "north", 3])))
    g = stream(20151203, ["blocks", "high", "north", 3])
    print("stream 20151203 blocks/high/north/3:", [hex(g.next()) for _ in range(3)])
    g = numbered_stream(20151203, ["blocks", "high", "north"], 3)
    print("numbered stream 20151203 blocks/high/north #3:", [hex(g.next()) for _ in range(3)])
    g = numbered_stream(20151203, ["blocks", "high", "north"], 0)
    print("numbered stream 20151203 blocks/high/north #0:", [hex(g.next()) for _ in range(3)])
    g = Xoshiro256StarStar.seeded(42)
    print("lemire below 6, seed 42:", [lemire(g, 6) for _ in range(12)])
    g = Xoshiro256StarStar.seeded(42)
    items = list(range(10))
    for i in range(len(items) - 1, 0, -1):
        j = lemire(g, i + 1)
        items[i], items[j] = items[j], items[i]
    print("shuffle 0..9, seed 42:", items)
