// Finds the position of a code (village, commune …) in a list, fast: an open-addressing hash table
// over string_views that must outlive the index (the project's strings). Built for the coverage
// analysis, which joins 100,000 villages in a few milliseconds. Codes of up to 8 bytes (every
// Vietnamese administrative code) are held in the slot itself, so a lookup compares two integers
// and never reads the caller's strings. Standard library only.
#pragma once
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace gapmap {

class CodeIndex {
public:
    explicit CodeIndex(std::size_t expected = 0) { reserve(expected); }

    // The position of `code`, adding it at the end when new. Empty codes are never added (-1).
    std::int32_t insert(std::string_view code) {
        if (code.empty()) return -1;
        if (3 * (codes_.size() + 1) > 2 * slots_.size()) reserve(slots_.size());
        const Key key = keyOf(code);
        for (std::size_t s = key.hash & mask_;; s = (s + 1) & mask_) {
            Slot& slot = slots_[s];
            if (slot.index < 0) {
                slot = {key.head, key.tag, static_cast<std::int32_t>(codes_.size())};
                codes_.push_back(code);
                remember(key.hash);
                return slot.index;
            }
            if (matches(slot, key, code)) return slot.index;
        }
    }
    // The position of `code`, or -1 when absent.
    std::int32_t find(std::string_view code) const {
        if (code.empty() || codes_.empty()) return -1;
        const Key key = keyOf(code);
        if (!mayContain(key.hash)) return -1;
        for (std::size_t s = key.hash & mask_;; s = (s + 1) & mask_) {
            const Slot& slot = slots_[s];
            if (slot.index < 0) return -1;
            if (matches(slot, key, code)) return slot.index;
        }
    }
    std::size_t size() const { return codes_.size(); }

private:
    struct Slot {
        std::uint64_t head = 0;  // the code's first 8 bytes, zero-padded, little-endian
        std::uint32_t tag = 0;   // high bits of the hash, and the code's length (capped at 255) in the low byte
        std::int32_t index = -1;
    };
    struct Key {
        std::uint64_t head, hash;
        std::uint32_t tag;
    };
    static Key keyOf(std::string_view code) {
        Key k{0, 0, 0};
        if (code.size() >= 8) std::memcpy(&k.head, code.data(), 8);  // a fixed length: one load, no libc call
        else
            for (std::size_t i = 0; i < code.size(); ++i) k.head |= std::uint64_t{static_cast<unsigned char>(code[i])} << (8 * i);
        std::uint64_t h = k.head ^ (code.size() * 0x9e3779b97f4a7c15ull);
        for (std::size_t i = 8; i < code.size(); ++i) h = (h ^ static_cast<unsigned char>(code[i])) * 1099511628211ull;  // FNV-1a steps
        h *= 0xff51afd7ed558ccdull;  // murmur3's finaliser: every input bit reaches the low bits the table uses
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53ull;
        h ^= h >> 33;
        k.hash = h;
        k.tag = static_cast<std::uint32_t>(h >> 32) << 8 | static_cast<std::uint32_t>(code.size() < 255 ? code.size() : 255);
        return k;
    }
    // Same length and first 8 bytes decide codes of up to 8 bytes; longer ones compare their strings.
    bool matches(const Slot& slot, const Key& key, std::string_view code) const {
        return slot.tag == key.tag && slot.head == key.head && (code.size() <= 8 || codes_[slot.index] == code);
    }
    // A Bloom filter of about 16 bits a code (two bits each): most absent codes are turned away
    // without touching the table, which is larger than the processor's fastest caches.
    bool mayContain(std::uint64_t h) const {
        const std::size_t a = (h >> 20) & bloomMask_, b = (h >> 42) & bloomMask_;
        return (bloom_[a >> 6] >> (a & 63) & 1) && (bloom_[b >> 6] >> (b & 63) & 1);
    }
    void remember(std::uint64_t h) {
        const std::size_t a = (h >> 20) & bloomMask_, b = (h >> 42) & bloomMask_;
        bloom_[a >> 6] |= std::uint64_t{1} << (a & 63);
        bloom_[b >> 6] |= std::uint64_t{1} << (b & 63);
    }
    // At most two thirds full, few probes.
    void reserve(std::size_t expected) {
        std::size_t capacity = 16;
        while (2 * capacity < 3 * expected + 3) capacity *= 2;
        if (capacity <= slots_.size()) return;
        slots_.assign(capacity, Slot{});
        mask_ = capacity - 1;
        bloom_.assign(capacity / 2, 0);  // 32 bits a slot, 16 or more a code
        bloomMask_ = capacity * 32 - 1;
        for (std::size_t i = 0; i < codes_.size(); ++i) {
            const Key key = keyOf(codes_[i]);
            std::size_t s = key.hash & mask_;
            while (slots_[s].index >= 0) s = (s + 1) & mask_;
            slots_[s] = {key.head, key.tag, static_cast<std::int32_t>(i)};
            remember(key.hash);
        }
    }

    std::vector<Slot> slots_;
    std::vector<std::string_view> codes_;
    std::vector<std::uint64_t> bloom_;
    std::size_t mask_ = 0, bloomMask_ = 0;
};

}  // namespace gapmap
