// SPDX-License-Identifier: MIT
#include "signet/dns/timestamp.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace signet::dns {
namespace {

constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t year;
  unsigned month, day, hour, minute, second, weekday;  // weekday 0 = Sunday
};

Civil civil_from_time(UnixTime t) noexcept {
  std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  std::int64_t secs = t - days * 86400;
  Civil c{};
  c.hour = static_cast<unsigned>(secs / 3600);
  c.minute = static_cast<unsigned>(secs / 60 % 60);
  c.second = static_cast<unsigned>(secs % 60);
  c.weekday = static_cast<unsigned>((days % 7 + 11) % 7);  // 1970-01-01 was a Thursday
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  c.day = doy - (153 * mp + 2) / 5 + 1;
  c.month = mp < 10 ? mp + 3 : mp - 9;
  c.year = static_cast<std::int64_t>(yoe) + era * 400 + (c.month <= 2);
  return c;
}

}  // namespace

std::optional<UnixTime> parse_timestamp(std::string_view text) noexcept {
  if (text.size() != 14) return std::nullopt;
  std::array<unsigned, 14> d{};
  for (std::size_t i = 0; i < 14; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    d[i] = static_cast<unsigned>(text[i] - '0');
  }
  auto num = [&](std::size_t at, std::size_t len) {
    unsigned v = 0;
    for (std::size_t i = at; i < at + len; ++i) v = v * 10 + d[i];
    return v;
  };
  const unsigned year = num(0, 4), month = num(4, 2), day = num(6, 2);
  const unsigned hour = num(8, 2), minute = num(10, 2), second = num(12, 2);
  static constexpr unsigned kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1] || hour > 23 || minute > 59 || second > 59)
    return std::nullopt;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap) return std::nullopt;
  return days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

void append_timestamp(UnixTime t, std::string& out) {
  // Two of these per RRSIG line, and a zone's signatures share a few
  // inception and expiration times: the last two texts are kept per thread.
  struct Made {
    bool used = false;
    UnixTime t = 0;
    char text[14];
  };
  thread_local Made made[2];
  thread_local unsigned recent = 0;  // the slot used last; a new text replaces the other
  for (unsigned i = 0; i < 2; ++i)
    if (made[i].used && made[i].t == t) {
      recent = i;
      out.append(made[i].text, sizeof made[i].text);
      return;
    }
  const Civil c = civil_from_time(t);
  if (c.year >= 0 && c.year <= 9999) {
    // Digits by hand, not through printf.
    char buf[14];
    const auto put = [&buf](std::size_t at, unsigned value, std::size_t width) {
      for (std::size_t i = width; i-- > 0; value /= 10) buf[at + i] = static_cast<char>('0' + value % 10);
    };
    put(0, static_cast<unsigned>(c.year), 4);
    put(4, c.month, 2);
    put(6, c.day, 2);
    put(8, c.hour, 2);
    put(10, c.minute, 2);
    put(12, c.second, 2);
    out.append(buf, sizeof buf);
    recent ^= 1u;
    Made& slot = made[recent];
    slot.used = true;
    slot.t = t;
    std::copy(buf, buf + sizeof buf, slot.text);
    return;
  }
  char buf[32];
  const int n = std::snprintf(buf, sizeof buf, "%04lld%02u%02u%02u%02u%02u", static_cast<long long>(c.year), c.month,
                              c.day, c.hour, c.minute, c.second);
  out.append(buf, static_cast<std::size_t>(n));
}

std::string format_timestamp(UnixTime t) {
  std::string out;
  append_timestamp(t, out);
  return out;
}

std::string format_human_time(UnixTime t) {
  static constexpr const char* kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Civil c = civil_from_time(t);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s %s %2u %02u:%02u:%02u %lld", kWeekdays[c.weekday], kMonths[c.month - 1], c.day,
                c.hour, c.minute, c.second, static_cast<long long>(c.year));
  return buf;
}

}  // namespace signet::dns
