package cn.xianfeng.portal.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetTimesTest {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Asia/Shanghai"), ZoneId.of("UTC"),
            ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Pacific/Chatham"),
            ZoneId.of("Europe/Amsterdam"), ZoneId.of("America/St_Johns"), ZoneOffset.ofHoursMinutesSeconds(-3, -20, -15));

    @Test
    void writesWhatTheIsoFormatterWrites() {
        SplittableRandom random = new SplittableRandom(17);
        long min = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("+10100-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            long second = random.nextInt(4) == 0 ? random.nextLong(min, max)
                    : random.nextLong(Instant.parse("1900-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("2100-01-01T00:00:00Z").getEpochSecond());
            int nanos = switch (random.nextInt(5)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant at = Instant.ofEpochSecond(second, nanos);
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            assertThat(OffsetTimes.format(at, zone)).as("%s in %s", at, zone)
                    .isEqualTo(OffsetDateTime.ofInstant(at, zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
    }

    @Test
    void writesTheApplicationZonesOffsetAndOnlyTheFractionThereIs() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        assertThat(OffsetTimes.format(Instant.parse("2026-12-31T15:59:59Z"), shanghai))
                .isEqualTo("2026-12-31T23:59:59+08:00");
        assertThat(OffsetTimes.format(Instant.parse("2026-12-31T16:00:00.120Z"), shanghai))
                .isEqualTo("2027-01-01T00:00:00.12+08:00");
        assertThat(OffsetTimes.format(Instant.parse("1937-01-01T00:00:00Z"), ZoneOffset.ofHoursMinutesSeconds(0, 19, 32)))
                .isEqualTo("1937-01-01T00:19:32+00:19:32");
    }
}
