// SPDX-License-Identifier: MIT
// The parallel executor: the work list is split into contiguous chunks, one
// per thread; each thread has its own crypto::Signer per key, one signed-data
// buffer and one output buffer, and writes each result into the SigRef slot
// reserved for it, so the hot loop takes no lock and allocates nothing once
// its buffers have grown.
#include <algorithm>
#include <functional>
#include <exception>
#include <optional>
#include <thread>

#include "signer/detail/plan.hpp"
#include "signet/crypto/signer.hpp"
#include "signet/dnssec/rrsig.hpp"

namespace signet::signer::detail {
namespace {

// `report(done_in_chunk)` is called every kReportEvery items when set.
constexpr std::size_t kReportEvery = 4096;

void sign_chunk(const dns::Zone& zone, std::span<const KeyRole> roles, std::span<const WorkItem> work,
                std::uint32_t inception, std::uint16_t thread, std::vector<SigRef>& sigs,
                std::vector<std::uint8_t>& out, const std::function<void(std::size_t)>& report) {
  std::vector<std::optional<crypto::Signer>> signers(roles.size());
  std::vector<std::uint8_t> data;
  data.reserve(4096);
  std::size_t max_sig = 0;
  for (const KeyRole& r : roles) max_sig = std::max(max_sig, r.key->private_key->algorithm().signature_octets != 0
                                                                 ? std::size_t{r.key->private_key->algorithm().signature_octets}
                                                                 : std::size_t{512});
  out.reserve(work.size() * (18 + zone.origin().wire().size() + max_sig));

  const auto& records = zone.records();
  const auto& rrsets = zone.rrsets();
  std::size_t done = 0;
  for (const WorkItem& w : work) {
    if (report && ++done % kReportEvery == 0) report(done);
    const dns::RRsetRef& set = rrsets[w.rrset];
    const dns::Record& first = records[set.first];
    const KeyRole& role = roles[w.key];
    auto& signer = signers[w.key];
    if (!signer) signer.emplace(*role.key->private_key);

    dnssec::RrsigFields f;
    f.type_covered = first.type;
    f.algorithm = role.algorithm;
    f.labels = static_cast<std::uint8_t>(zone.owner(first).rrsig_label_count());
    f.original_ttl = first.ttl;
    f.expiration = w.expiration;
    f.inception = inception;
    f.key_tag = role.tag;
    f.signer = zone.origin().view();
    data.clear();
    dnssec::append_signed_data(f, zone, zone.records_of(set), data);

    const std::size_t start = out.size();
    dnssec::append_rrsig_fields(f, out);
    signer->sign(data, out);
    SigRef& ref = sigs[w.sig];
    ref.offset = static_cast<std::uint32_t>(start);
    ref.size = static_cast<std::uint16_t>(out.size() - start);
    ref.thread = thread;
  }
}

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
  const auto chunk = [&](unsigned t) {
    const std::size_t begin = work.size() * t / threads;
    const std::size_t end = work.size() * (t + 1) / threads;
    // Only the first thread reports; the chunks are equal, so its share
    // scaled up is the whole list's progress.
    std::function<void(std::size_t)> report;
    if (t == 0 && progress && end > begin)
      report = [&, size = end - begin](std::size_t done) { progress(done * work.size() / size, work.size()); };
    try {
      sign_chunk(zone, roles, work.subspan(begin, end - begin), inception, static_cast<std::uint16_t>(t), sigs,
                 buffers[t], report);
    } catch (...) {
      errors[t] = std::current_exception();
    }
  };
  if (threads == 1) {
    chunk(0);
  } else {
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(chunk, t);
    chunk(0);
    for (std::thread& th : pool) th.join();
  }
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
  if (progress) progress(work.size(), work.size());
  for (const WorkItem& w : work) {
    SigRef& ref = sigs[w.sig];
    ref.data = buffers[ref.thread].data() + ref.offset;
  }
}

}  // namespace signet::signer::detail
