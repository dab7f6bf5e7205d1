// kafkasim: the headless simulator. Parses nothing itself: see cli.hpp.
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    return kafkasim::cli::main_dispatch(args, {std::cout, std::cerr});
}
