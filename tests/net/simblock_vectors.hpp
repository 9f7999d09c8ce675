// Reads shared/vectors/network/simblock-bitcoin.yaml for the tests, from the folder CMake names
// (OSTSIM_NETWORK_VECTORS_DIR; the environment variable of that name overrides it).
#pragma once

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <Eigen/Core>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace ostsim::net::test {

inline std::filesystem::path simblock_file() {
    const char* env = std::getenv("OSTSIM_NETWORK_VECTORS_DIR");
    return std::filesystem::path(env && *env ? env : OSTSIM_NETWORK_VECTORS_DIR) /
           "simblock-bitcoin.yaml";
}

inline std::vector<double> doubles(const YAML::Node& n) { return n.as<std::vector<double>>(); }

inline Eigen::MatrixXd matrix(const YAML::Node& rows) {
    Eigen::MatrixXd m(rows.size(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        auto row = doubles(rows[i]);
        for (std::size_t j = 0; j < row.size(); ++j) m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = row[j];
    }
    return m;
}

}  // namespace ostsim::net::test

// Declares `YAML::Node var` holding the vectors file, or skips the test (fails where CI is set).
#define OSTSIM_SIMBLOCK_VECTORS(var)                                                         \
    const auto var##_path = ::ostsim::net::test::simblock_file();                           \
    if (!std::filesystem::exists(var##_path)) {                                             \
        const std::string why = var##_path.string() +                                       \
                                " is missing; set the CMake cache variable (or environment " \
                                "variable) OSTSIM_NETWORK_VECTORS_DIR";                     \
        if (std::getenv("CI")) FAIL() << why;                                               \
        GTEST_SKIP() << why;                                                                \
    }                                                                                       \
    const YAML::Node var = YAML::LoadFile(var##_path.string())
