// Which records of a growing list have their trace row written already: a record's row is
// written once, when it has settled (its values can no longer change) or at the end of the run,
// whichever comes first. Records mostly settle in the order they were made, so a pass starts at
// the first record not written yet.
#pragma once

#include <cstddef>
#include <vector>

namespace ostsim::cli {

class Settled {
  public:
    // Calls write(i, records[i]) for each record not written yet for which settled(i, records[i])
    // holds (each one, when `all`), in list order, and marks it written.
    template <typename Records, typename IsSettled, typename Write>
    void append(const Records& records, bool all, IsSettled settled, Write write) {
        if (written_.size() < records.size()) written_.resize(records.size(), false);
        for (std::size_t i = first_open_; i < records.size(); ++i) {
            if (written_[i] || !(all || settled(i, records[i]))) continue;
            written_[i] = true;
            write(i, records[i]);
        }
        while (first_open_ < written_.size() && written_[first_open_]) ++first_open_;
    }

  private:
    std::vector<bool> written_;
    std::size_t first_open_ = 0;
};

}  // namespace ostsim::cli
