#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <variant>

#include "errors.hpp"
#include "eth/keccak.hpp"
#include "eth/rlp.hpp"
#include "eth/rlp_decode.hpp"
#include "eth/secp256k1.hpp"
#include "eth/secure_trie.hpp"
#include "eth/trie_proof.hpp"

namespace py = pybind11;
using namespace ostsim::eth;

namespace ostsim::python {

namespace {

ByteView view(const py::bytes& b) {
    char* data = nullptr;
    Py_ssize_t len = 0;
    PyBytes_AsStringAndSize(b.ptr(), &data, &len);
    return {reinterpret_cast<const std::uint8_t*>(data), static_cast<std::size_t>(len)};
}
py::bytes to_py(ByteView b) { return {reinterpret_cast<const char*>(b.data()), b.size()}; }

Hash hash_arg(const py::bytes& b, const char* what) {
    auto h = Hash::from_view(view(b));
    if (!h) throw py::value_error(std::string(what) + " must be 32 bytes");
    return *h;
}

// Encodes bytes and nested lists of them (the package normalises ints and str first).
void encode(const py::handle& obj, Bytes& out) {
    if (py::isinstance<py::bytes>(obj)) {
        rlp::append(out, view(py::reinterpret_borrow<py::bytes>(obj)));
        return;
    }
    if (!py::isinstance<py::list>(obj) && !py::isinstance<py::tuple>(obj))
        throw py::type_error("RLP items are bytes or lists of items");
    Bytes payload;
    for (auto item : obj) encode(item, payload);
    rlp::append_list_header(out, payload.size());
    out.insert(out.end(), payload.begin(), payload.end());
}

py::object decode(const rlp::Item& item) {
    if (!item.is_list) return to_py(item.payload);
    py::list out;
    rlp::ListReader r(item);
    while (!r.done()) out.append(decode(*r.next()));  // decode_tree checked every item
    return out;
}

// A plain or secure trie behind one Python class.
class PyTrie {
public:
    PyTrie(bool secure, std::size_t retained) : secure_(secure), trie_(retained) {}

    void put(const py::bytes& k, const py::bytes& v) { trie_.put(key(k), view(v)); }
    bool erase(const py::bytes& k) { return trie_.erase(key(k)); }
    std::optional<py::bytes> get(const py::bytes& k, std::optional<std::uint64_t> version) const {
        std::optional<ByteView> v;
        if (version) {
            auto at = trie_.at(*version);
            if (!at) throw py::key_error("version not retained");
            v = at->get(key(k));
        } else {
            v = trie_.get(key(k));
        }
        if (!v) return std::nullopt;
        return to_py(*v);
    }
    py::bytes root_hash() { return to_py(trie_.root_hash()); }
    py::bytes commit(std::uint64_t version) { return to_py(trie_.commit(version)); }
    std::vector<py::bytes> prove(const py::bytes& k, std::optional<std::uint64_t> version) {
        Proof p;
        if (version) {
            auto at = trie_.at(*version);
            if (!at) throw py::key_error("version not retained");
            p = at->prove(key(k));
        } else {
            p = trie_.view().prove(key(k));
        }
        std::vector<py::bytes> out;
        for (auto& node : p) out.push_back(to_py(node));
        return out;
    }
    std::size_t size() const { return trie_.size(); }

private:
    Bytes key(const py::bytes& k) const {
        ByteView v = view(k);
        if (!secure_) return Bytes(v.begin(), v.end());
        Hash h = keccak256(v);
        return Bytes(h.bytes.begin(), h.bytes.end());
    }
    bool secure_;
    Trie trie_;
};

}  // namespace

void bind_eth(py::module_& m) {
    m.def("keccak256", [](const py::bytes& data) { return to_py(keccak256(view(data))); },
          py::arg("data"), "Ethereum's keccak256 (original Keccak padding, not SHA3-256).");

    m.def("rlp_encode", [](const py::handle& obj) {
        Bytes out;
        encode(obj, out);
        return to_py(out);
    }, py::arg("item"), "RLP of bytes or nested lists of bytes.");
    m.def("rlp_decode", [](const py::bytes& data) {
        auto item = rlp::decode_tree(view(data));
        if (!item) raise(errors().rlp, std::string(rlp::to_string(item.error())));
        return decode(*item);
    }, py::arg("data"), "Decodes exactly one canonical RLP item into bytes and lists.");

    py::class_<PyTrie>(m, "Trie", "Merkle-Patricia trie; secure=True hashes keys with keccak256.")
        .def(py::init<bool, std::size_t>(), py::arg("secure") = false,
             py::arg("retained_versions") = 0)
        .def("put", &PyTrie::put, py::arg("key"), py::arg("value"))
        .def("erase", &PyTrie::erase, py::arg("key"))
        .def("get", &PyTrie::get, py::arg("key"), py::arg("version") = py::none())
        .def("root_hash", &PyTrie::root_hash)
        .def("commit", &PyTrie::commit, py::arg("version"))
        .def("prove", &PyTrie::prove, py::arg("key"), py::arg("version") = py::none())
        .def("__len__", &PyTrie::size);

    m.def("verify_proof", [](const py::bytes& root, const py::bytes& key,
                             const std::vector<py::bytes>& proof) -> std::optional<py::bytes> {
        Proof p;
        for (auto& node : proof) {
            ByteView v = view(node);
            p.emplace_back(v.begin(), v.end());
        }
        auto r = verify_proof(hash_arg(root, "root"), view(key), p);
        if (!r) raise(errors().proof, std::string(to_string(r.error())));
        if (!*r) return std::nullopt;
        return to_py(**r);
    }, py::arg("root"), py::arg("key"), py::arg("proof"),
       "The value proven at key (None if proven absent); raises ProofError otherwise.");

    m.def("address_of_secret", [](const py::bytes& secret) {
        auto k = PrivateKey::from_bytes(hash_arg(secret, "secret"));
        if (!k) throw py::value_error("secret is not a valid secp256k1 private key");
        return to_py(k->address());
    }, py::arg("secret"));
    m.def("sign", [](const py::bytes& secret, const py::bytes& message_hash) {
        auto k = PrivateKey::from_bytes(hash_arg(secret, "secret"));
        if (!k) throw py::value_error("secret is not a valid secp256k1 private key");
        Signature s = k->sign(hash_arg(message_hash, "message_hash"));
        return py::make_tuple(to_py(s.r), to_py(s.s), s.recovery_id);
    }, py::arg("secret"), py::arg("message_hash"), "(r, s, recovery_id), RFC 6979, low-s.");
    m.def("recover_address", [](const py::bytes& message_hash, const py::bytes& r,
                                const py::bytes& s, int recovery_id) -> std::optional<py::bytes> {
        if (recovery_id < 0 || recovery_id > 3) return std::nullopt;
        Signature sig{hash_arg(r, "r"), hash_arg(s, "s"), static_cast<std::uint8_t>(recovery_id)};
        auto a = recover_address(hash_arg(message_hash, "message_hash"), sig);
        if (!a) return std::nullopt;
        return to_py(*a);
    }, py::arg("message_hash"), py::arg("r"), py::arg("s"), py::arg("recovery_id"));
}

}  // namespace ostsim::python
