#include "eth/rlp.hpp"

#include <algorithm>

namespace ostsim::eth::rlp {

namespace {
void append_header(Bytes& out, std::size_t payload_len, std::uint8_t offset) {
    std::size_t at = out.size();
    out.resize(at + header_length(payload_len));
    write_header(out.data() + at, payload_len, offset);
}
}  // namespace

EncodedUint::EncodedUint(const uint256& v) {
    const FixedBytes<32> w = to_word(v);
    const std::size_t first = w.bytes.size() - minimal_length(v);
    const ByteView minimal(w.bytes.data() + first, w.bytes.size() - first);
    if (minimal.size() == 1 && minimal[0] < kStringOffset) {
        bytes_[0] = minimal[0];
        size_ = 1;
        return;
    }
    std::uint8_t* end = write_header(bytes_, minimal.size(), kStringOffset);
    std::copy(minimal.begin(), minimal.end(), end);
    size_ = static_cast<std::size_t>(end - bytes_) + minimal.size();
}

std::size_t length(const uint256& v) { return EncodedUint(v).view().size(); }

void append(Bytes& out, ByteView s) {
    if (s.size() == 1 && s[0] < kStringOffset) {
        out.push_back(s[0]);
        return;
    }
    append_header(out, s.size(), kStringOffset);
    out.insert(out.end(), s.begin(), s.end());
}

void append(Bytes& out, std::uint64_t v) {
    if (v == 0) {
        out.push_back(kStringOffset);
        return;
    }
    if (v < kStringOffset) {
        out.push_back(static_cast<std::uint8_t>(v));
        return;
    }
    std::size_t k = bytes_of(v);
    out.push_back(static_cast<std::uint8_t>(kStringOffset + k));
    for (std::size_t i = k; i-- > 0;) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void append(Bytes& out, const uint256& v) {
    const EncodedUint e(v);
    out.insert(out.end(), e.view().begin(), e.view().end());
}

void append_list_header(Bytes& out, std::size_t payload_len) {
    append_header(out, payload_len, kListOffset);
}

Bytes encode(ByteView s) {
    Bytes out;
    out.reserve(length(s));
    append(out, s);
    return out;
}

}  // namespace ostsim::eth::rlp
