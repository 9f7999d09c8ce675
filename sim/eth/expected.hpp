// A value or an error, for fallible operations on untrusted input (decoding, proof checking).
// std::expected is C++23; GCC 12 lacks it, so this is the small subset ostsim uses.
#pragma once

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace ostsim::eth {

template <typename E>
struct Unexpected {
    E error;
};
template <typename E>
Unexpected(E) -> Unexpected<E>;

template <typename T, typename E>
class Expected {
public:
    // Like std::expected: anything T can be built from converts to a value.
    template <typename U = T>
        requires std::is_constructible_v<T, U&&> &&
                 (!std::is_same_v<std::remove_cvref_t<U>, Expected>)
    Expected(U&& value) : v_(std::in_place_index<0>, std::forward<U>(value)) {}
    Expected(Unexpected<E> u) : v_(std::in_place_index<1>, std::move(u.error)) {}

    bool has_value() const { return v_.index() == 0; }
    explicit operator bool() const { return has_value(); }

    // Preconditions (asserted): has_value() for value access, !has_value() for error().
    T& value() & { assert(has_value()); return std::get<0>(v_); }
    const T& value() const& { assert(has_value()); return std::get<0>(v_); }
    T&& value() && { assert(has_value()); return std::get<0>(std::move(v_)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    E error() const { assert(!has_value()); return std::get<1>(v_); }

private:
    std::variant<T, E> v_;
};

}  // namespace ostsim::eth
