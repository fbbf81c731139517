// What teams, clubs and outcome records name, per village code, looked up once for every village
// by the coverage analysis. When the villages run in code order (as imported lists do), the marks
// are sorted too and each lookup walks both lists forward together (a merge join: sequential
// memory, no hashing); otherwise a hash index answers (core/code_index.h). Either way the answers
// are the same: a merge lookup whose code goes backwards finds its place by binary search. The codes are views of the project's strings, which must outlive this.
// Standard library only.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/code_index.h"
#include "core/model.h"

namespace gapmap {

class VillageMarks {
public:
    // byCodeOrder: the villages looked up (mostly) run in code order (villagesLookInCodeOrder).
    explicit VillageMarks(bool byCodeOrder) : merge_(byCodeOrder) {}

    // Marks a village code (flags are OR-ed together); empty codes are ignored. Then finish().
    void add(std::string_view code, std::uint8_t flags);
    void finish();

    // Lookups for one run of villages in the order given; one cursor per thread.
    class Cursor {
    public:
        explicit Cursor(const VillageMarks& marks) : marks_(marks) {}
        // The marks of `code`, 0 for none.
        std::uint8_t flagsOf(std::string_view code);
    private:
        const VillageMarks& marks_;
        std::size_t next_ = 0;  // merge mode: the first mark not below the last code looked up
        std::string_view last_;
        bool started_ = false;
    };

private:
    struct Mark {
        std::string_view code;
        std::uint8_t flags;
    };
    bool merge_;
    std::vector<Mark> marks_;           // merge mode: sorted by code, one per code after finish()
    std::vector<std::size_t> runStarts_;  // merge mode: where each sorted run added in order begins
    CodeIndex index_;                    // hash mode
    std::vector<std::uint8_t> flags_;    // hash mode: per index_ position
};

// True when 256 villages spread evenly over the list run in code order: the choice of join, made
// without a pass over every village (100,000 villages are 20 MB to stream).
bool villagesLookInCodeOrder(const std::vector<Village>& villages);

// Puts the villages in code order (codeLess; villages of one code keep their order), the order the
// analysis is fastest in (a merge join, sequential memory: 42 against 67 ms for 100,000 in random
// order). Where villages enter a project: the importer writes them so and readProject sorts a file
// that was not. False, having moved nothing, when they already were (one pass of comparisons).
// Indices into the vector held before the call name other villages after it.
bool sortVillagesByCode(std::vector<Village>& villages);

}  // namespace gapmap
