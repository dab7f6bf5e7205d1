// The scenario files the tests walk: every .yaml file directly in the named
// folders of the repository ("configs", "tests/scenarios", ...), sorted by
// path so failures come in the same order on every machine.
#pragma once

#include <algorithm>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#ifndef KAFKASIM_SOURCE_DIR
#error "the tests' CMake defines KAFKASIM_SOURCE_DIR as the repository root"
#endif

namespace kafkasim::testing {

inline std::vector<std::string> scenario_files(std::initializer_list<std::string_view> folders) {
    std::vector<std::string> files;
    for (const std::string_view folder : folders) {
        const std::filesystem::path path = std::filesystem::path(KAFKASIM_SOURCE_DIR) / folder;
        for (const auto& entry : std::filesystem::directory_iterator(path)) {
            if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace kafkasim::testing
