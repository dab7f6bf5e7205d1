// Checks kafkasim-viz screenshots for the test suite: each PNG is a real
// picture (not blank: enough variation in brightness and colours), and, with
// two of them, that they differ (the UI changed between two points of a run).
//   usage: viz_png_check A.png [B.png]
#include <stb_image.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>

namespace {

struct Image {
    int width = 0;
    int height = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> pixels{nullptr, stbi_image_free};
};

bool load(const char* path, Image& image) {
    int channels = 0;
    image.pixels.reset(stbi_load(path, &image.width, &image.height, &channels, 3));
    if (!image.pixels) {
        std::fprintf(stderr, "viz_png_check: %s: cannot read: %s\n", path, stbi_failure_reason());
        return false;
    }
    return true;
}

// Not blank: brightness varies and no single colour covers almost everything.
bool looks_like_a_picture(const char* path, const Image& image) {
    const std::size_t count = static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height);
    double sum = 0;
    double sum_squares = 0;
    std::map<unsigned, std::size_t> colours;
    for (std::size_t i = 0; i < count; ++i) {
        const unsigned char* p = image.pixels.get() + 3 * i;
        const double luma = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
        sum += luma;
        sum_squares += luma * luma;
        if (i % 7 == 0) ++colours[(unsigned{p[0]} << 16) | (unsigned{p[1]} << 8) | p[2]];  // a sample is enough
    }
    const double mean = sum / static_cast<double>(count);
    const double deviation = std::sqrt(std::max(sum_squares / static_cast<double>(count) - mean * mean, 0.0));
    std::size_t most = 0;
    std::size_t sampled = 0;
    for (const auto& [colour, n] : colours) {
        most = std::max(most, n);
        sampled += n;
    }
    const double dominant = static_cast<double>(most) / static_cast<double>(sampled);
    std::printf("%s: %dx%d, brightness %.1f +- %.1f, %zu colours, the commonest covers %.0f%%\n", path, image.width,
                image.height, mean, deviation, colours.size(), 100 * dominant);
    if (image.width < 320 || image.height < 240) return std::fprintf(stderr, "%s: too small\n", path), false;
    if (deviation < 10) return std::fprintf(stderr, "%s: blank (brightness hardly varies)\n", path), false;
    if (colours.size() < 16) return std::fprintf(stderr, "%s: blank (too few colours)\n", path), false;
    if (dominant > 0.95) return std::fprintf(stderr, "%s: blank (one colour everywhere)\n", path), false;
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3) {
        std::fprintf(stderr, "usage: viz_png_check A.png [B.png]\n");
        return 2;
    }
    Image images[2];
    for (int i = 1; i < argc; ++i) {
        if (!load(argv[i], images[i - 1]) || !looks_like_a_picture(argv[i], images[i - 1])) return 1;
    }
    if (argc == 3) {
        const Image& a = images[0];
        const Image& b = images[1];
        if (a.width != b.width || a.height != b.height) {
            std::fprintf(stderr, "the screenshots differ in size\n");
            return 1;
        }
        const std::size_t count = static_cast<std::size_t>(a.width) * static_cast<std::size_t>(a.height);
        std::size_t different = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const unsigned char* p = a.pixels.get() + 3 * i;
            const unsigned char* q = b.pixels.get() + 3 * i;
            if (p[0] != q[0] || p[1] != q[1] || p[2] != q[2]) ++different;
        }
        std::printf("%zu pixels differ (%.2f%%)\n", different, 100.0 * static_cast<double>(different) / static_cast<double>(count));
        // More than a changed number or two: the panels show a different state.
        if (different < 2000) {
            std::fprintf(stderr, "the screenshots are (nearly) the same\n");
            return 1;
        }
    }
    return 0;
}
