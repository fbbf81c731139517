// Finds the position of a code (village, commune …) in a list, fast: an open-addressing hash table
// of 8-byte slots over string_views that must outlive the index (the project's strings). Built for
// the coverage analysis, which joins 100,000 villages in a few milliseconds. Standard library only.
#pragma once
#include <cstdint>
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
        const std::uint64_t h = hash(code);
        for (std::size_t s = h & mask_;; s = (s + 1) & mask_) {
            Slot& slot = slots_[s];
            if (slot.index < 0) {
                slot = {tag(h), static_cast<std::int32_t>(codes_.size())};
                codes_.push_back(code);
                remember(h);
                return slot.index;
            }
            if (slot.tag == tag(h) && codes_[slot.index] == code) return slot.index;
        }
    }
    // The position of `code`, or -1 when absent.
    std::int32_t find(std::string_view code) const {
        if (code.empty() || codes_.empty()) return -1;
        const std::uint64_t h = hash(code);
        if (!mayContain(h)) return -1;
        for (std::size_t s = h & mask_;; s = (s + 1) & mask_) {
            const Slot& slot = slots_[s];
            if (slot.index < 0) return -1;
            if (slot.tag == tag(h) && codes_[slot.index] == code) return slot.index;
        }
    }
    std::size_t size() const { return codes_.size(); }

private:
    struct Slot {
        std::uint32_t tag = 0;   // high half of the hash: most mismatches never touch the strings
        std::int32_t index = -1;
    };
    static std::uint64_t hash(std::string_view text) {  // FNV-1a, 64 bit
        std::uint64_t h = 14695981039346656037ull;
        for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
        return h ^ (h >> 29);  // FNV's low bits mix poorly; the table uses them
    }
    static std::uint32_t tag(std::uint64_t h) { return static_cast<std::uint32_t>(h >> 32); }
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
    // At most two thirds full: small enough to stay in cache (8 bytes a slot), few probes.
    void reserve(std::size_t expected) {
        std::size_t capacity = 16;
        while (2 * capacity < 3 * expected + 3) capacity *= 2;
        if (capacity <= slots_.size()) return;
        slots_.assign(capacity, Slot{});
        mask_ = capacity - 1;
        bloom_.assign(capacity / 2, 0);  // 32 bits a slot, 16 or more a code
        bloomMask_ = capacity * 32 - 1;
        for (std::size_t i = 0; i < codes_.size(); ++i) {
            const std::uint64_t h = hash(codes_[i]);
            std::size_t s = h & mask_;
            while (slots_[s].index >= 0) s = (s + 1) & mask_;
            slots_[s] = {tag(h), static_cast<std::int32_t>(i)};
            remember(h);
        }
    }

    std::vector<Slot> slots_;
    std::vector<std::string_view> codes_;
    std::vector<std::uint64_t> bloom_;
    std::size_t mask_ = 0, bloomMask_ = 0;
};

}  // namespace gapmap
