// bench_sync: N concurrent clients (threads, each its own offline copy) editing and syncing against a
// PostgreSQL server (issue #16 item 6). Prints edits/s, sync latency (min / median / max, ms) and
// lost updates — read back from the server at the end (must be 0). Exits 1 on any failure or lost update.
// usage: bench_sync PG:"host=… dbname=… user=…" [--clients N] [--rounds R] [--edits E]
// The address must name a throwaway database: the demo is published over its schema with --force.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "core/project_edit.h"
#include "io/demo_data.h"
#include "io/pg_address.h"
#include "io/pg_connection.h"
#include "io/pg_publish.h"
#include "io/pg_sync.h"
#include "io/project_edits.h"
#include "io/project_file.h"

using namespace gapmap;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_sync PG:\"host=… dbname=… user=…\" [--clients N] [--rounds R] [--edits E]\n");
        return 2;
    }
    const std::string address = argv[1];
    int clients = 8, rounds = 10, editsPerRound = 5;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string o = argv[i];
        const int v = std::atoi(argv[i + 1]);
        if (o == "--clients") clients = v;
        else if (o == "--rounds") rounds = v;
        else if (o == "--edits") editsPerRound = v;
    }
    try {
        const Project demo = buildDemoProject();
        publishProject(demo, "synthetic demo", parseServerAddress(address), true);
        const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("bench-sync-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        std::vector<std::string> copies;
        for (int c = 0; c < clients; ++c) {
            copies.push_back((dir / ("client" + std::to_string(c) + ".gpkg")).string());
            checkoutProject(address, copies.back(), {}, true);
        }
        // Client c edits villages c, c + N, c + 2N …: its last value of each must be on the server at the end.
        // Every client also edits one shared village each round: those are conflicts, never silent losses.
        std::vector<std::vector<std::pair<std::string, int>>> last(static_cast<size_t>(clients));
        std::vector<double> latenciesMs;
        std::mutex m;
        std::atomic<int> failures{0}, edits{0}, conflicts{0};
        const auto start = Clock::now();
        std::vector<std::thread> threads;
        for (int c = 0; c < clients; ++c) {
            threads.emplace_back([&, c] {
                try {
                    for (int r = 0; r < rounds; ++r) {
                        std::vector<FieldEdit> batch;
                        for (int e = 0; e < editsPerRound; ++e) {
                            const size_t index = size_t(c + clients * (r * editsPerRound + e)) % demo.villages.size();
                            const int value = 100000 * (c + 1) + r * 100 + e;
                            batch.push_back(villageEdit(demo.villages[index].code, "population", std::to_string(value)));
                            last[size_t(c)].push_back({demo.villages[index].code, value});
                        }
                        static const char* kMobile[] = {"none", "2g", "3g", "4g"};
                        batch.push_back(villageEdit(demo.villages.back().code, "mobile", kMobile[(c + r) % 4]));
                        commitEdits(copies[size_t(c)], batch);
                        edits += int(batch.size());
                        const auto t0 = Clock::now();
                        const SyncSummary s = syncCopy(copies[size_t(c)]);
                        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
                        conflicts += int(s.newConflicts.size());
                        // Settle the shared village's conflict as "theirs" so the copy follows the server.
                        if (!s.openConflicts.empty()) resolveConflict(copies[size_t(c)], demo.villages.back().code, Resolution::Theirs);
                        std::lock_guard<std::mutex> lock(m);
                        latenciesMs.push_back(ms);
                    }
                } catch (const std::exception& e) {
                    std::fprintf(stderr, "client %d: %s\n", c, e.what());
                    ++failures;
                }
            });
        }
        for (std::thread& t : threads) t.join();
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();

        // Lost updates: a client's last value of one of its own villages that the server does not hold.
        PgConnection pg(parseServerAddress(address));
        int lost = 0, checked = 0;
        for (const auto& mine : last) {
            std::vector<std::pair<std::string, int>> finalValues;
            for (const auto& [code, value] : mine) {
                auto it = std::find_if(finalValues.begin(), finalValues.end(), [&](const auto& p) { return p.first == code; });
                if (it == finalValues.end()) finalValues.push_back({code, value});
                else it->second = value;
            }
            for (const auto& [code, value] : finalValues) {
                ++checked;
                if (pg.value("SELECT population::text FROM " + pg.table("villages") + " WHERE code = $1", {code}) != std::to_string(value)) ++lost;
            }
        }
        std::sort(latenciesMs.begin(), latenciesMs.end());
        const double median = latenciesMs.empty() ? 0 : latenciesMs[latenciesMs.size() / 2];
        std::printf("clients %d, rounds %d, edits %d in %.2f s: %.1f edits/s\n", clients, rounds, edits.load(), seconds, edits / seconds);
        std::printf("sync latency ms: min %.1f, median %.1f, max %.1f (%zu syncs)\n", latenciesMs.empty() ? 0 : latenciesMs.front(), median,
                    latenciesMs.empty() ? 0 : latenciesMs.back(), latenciesMs.size());
        std::printf("conflicts on the shared village (listed, settled): %d\n", conflicts.load());
        std::printf("lost updates: %d of %d final values checked on the server\n", lost, checked);
        std::printf("failures: %d\n", failures.load());
        std::filesystem::remove_all(dir);
        return lost == 0 && failures == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_sync: %s\n", e.what());
        return 1;
    }
}
