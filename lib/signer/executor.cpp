// SPDX-License-Identifier: MIT
// The parallel executor: threads take blocks of the work list from one
// atomic counter until it runs out, so a thread that the system slows down
// (another process on its core, the page cache) does not leave the others
// idle at the end. Each thread has its own crypto::Signer per key, one
// signed-data buffer and one output buffer, and writes each result into the
// SigRef slot reserved for it: the hot loop takes no lock and allocates
// nothing once its buffers have grown (one atomic add per block).
#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <optional>
#include <thread>

#include "signer/detail/plan.hpp"
#include "signet/crypto/signer.hpp"
#include "signet/dnssec/rrsig.hpp"

namespace signet::signer::detail {
namespace {

// Items per block taken from the shared counter: large enough that the
// counter is touched rarely, small enough that threads finish together.
constexpr std::size_t kBlock = 256;
// The progress callback hears from the first thread about this often.
constexpr std::size_t kReportEvery = 4096;

// One thread's signing state, reused for every block it takes.
class ThreadSigner {
 public:
  ThreadSigner(const dns::Zone& zone, std::span<const KeyRole> roles, std::uint32_t inception, std::uint16_t thread,
               std::vector<SigRef>& sigs, std::vector<std::uint8_t>& out, std::size_t expected)
      : zone_(zone), roles_(roles), inception_(inception), thread_(thread), sigs_(sigs), out_(out),
        signers_(roles.size()) {
    data_.reserve(4096);
    std::size_t max_sig = 0;
    for (const KeyRole& r : roles) {
      const auto& alg = r.key->private_key->algorithm();
      max_sig = std::max(max_sig, alg.signature_octets != 0 ? std::size_t{alg.signature_octets} : std::size_t{512});
    }
    out_.reserve(expected * (18 + zone.origin().wire().size() + max_sig));
  }

  void sign(std::span<const WorkItem> work) {
    const auto& records = zone_.records();
    const auto& rrsets = zone_.rrsets();
    for (const WorkItem& w : work) {
      const dns::RRsetRef& set = rrsets[w.rrset];
      const dns::Record& first = records[set.first];
      const KeyRole& role = roles_[w.key];
      auto& signer = signers_[w.key];
      if (!signer) signer.emplace(*role.key->private_key);
      dnssec::RrsigFields f;
      f.type_covered = first.type;
      f.algorithm = role.algorithm;
      f.labels = static_cast<std::uint8_t>(zone_.owner(first).rrsig_label_count());
      f.original_ttl = first.ttl;
      f.expiration = w.expiration;
      f.inception = inception_;
      f.key_tag = role.tag;
      f.signer = zone_.origin().view();
      data_.clear();
      dnssec::append_signed_data(f, zone_, zone_.records_of(set), data_);
      const std::size_t start = out_.size();
      dnssec::append_rrsig_fields(f, out_);
      signer->sign(data_, out_);
      SigRef& ref = sigs_[w.sig];
      ref.offset = static_cast<std::uint32_t>(start);
      ref.size = static_cast<std::uint16_t>(out_.size() - start);
      ref.thread = thread_;
    }
  }

 private:
  const dns::Zone& zone_;
  std::span<const KeyRole> roles_;
  std::uint32_t inception_;
  std::uint16_t thread_;
  std::vector<SigRef>& sigs_;
  std::vector<std::uint8_t>& out_;
  std::vector<std::optional<crypto::Signer>> signers_;
  std::vector<std::uint8_t> data_;
};

}  // namespace

void run_signing(const dns::Zone& zone, std::span<const KeyRole> roles, std::span<const WorkItem> work,
                 std::uint32_t inception, unsigned threads, std::vector<SigRef>& sigs,
                 std::vector<std::vector<std::uint8_t>>& buffers,
                 const std::function<void(std::size_t, std::size_t)>& progress) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  // Below a few hundred signatures a thread costs more than it saves.
  threads = static_cast<unsigned>(std::clamp<std::size_t>(work.size() / 256, 1, threads));
  threads = std::min(threads, 65535u);
  buffers.assign(threads, {});
  std::vector<std::exception_ptr> errors(threads);
  std::atomic<std::size_t> next{0};
  const std::size_t n = work.size();
  const auto run = [&](unsigned t) {
    try {
      ThreadSigner signer(zone, roles, inception, static_cast<std::uint16_t>(t), sigs, buffers[t],
                          n / threads + kBlock);
      std::size_t reported = 0;
      for (;;) {
        const std::size_t begin = next.fetch_add(kBlock, std::memory_order_relaxed);
        if (begin >= n) break;
        signer.sign(work.subspan(begin, std::min(kBlock, n - begin)));
        if (t == 0 && progress && begin >= reported + kReportEvery) {
          reported = begin;
          progress(std::min(begin + kBlock, n), n);
        }
      }
    } catch (...) {
      errors[t] = std::current_exception();
      next.store(n, std::memory_order_relaxed);  // the others stop at their next block
    }
  };
  if (threads == 1) {
    run(0);
  } else {
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(run, t);
    run(0);
    for (std::thread& th : pool) th.join();
  }
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
  if (progress) progress(n, n);
  for (const WorkItem& w : work) {
    SigRef& ref = sigs[w.sig];
    ref.data = buffers[ref.thread].data() + ref.offset;
  }
}

}  // namespace signet::signer::detail
