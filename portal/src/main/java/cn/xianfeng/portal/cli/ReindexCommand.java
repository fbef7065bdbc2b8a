package cn.xianfeng.portal.cli;

import cn.xianfeng.search.Reindex;
import cn.xianfeng.search.Reindex.Progress;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.io.PrintStream;

/**
 * {@code java -jar xianfeng-portal.jar --xianfeng.reindex}: rebuilds the search index without the web server,
 * prints a line per batch and exits 0 when the index holds exactly what PostgreSQL holds, 1 otherwise.
 */
@Component
@ConditionalOnProperty("xianfeng.reindex")
class ReindexCommand implements ApplicationRunner, ExitCodeGenerator {

    private final Reindex reindex;
    private final PrintStream out = System.out;
    private int exitCode = 1;

    ReindexCommand(Reindex reindex) {
        this.reindex = reindex;
    }

    @Override
    public void run(ApplicationArguments args) {
        Progress last = reindex.runNow(p -> out.printf("reindex %s %d/%d (%d%%)%n", p.phase(), p.done(), p.total(),
                p.percent()));
        if (last.complete()) {
            out.printf("reindex complete: %d documents indexed, %d in PostgreSQL, %d refused (dead letters)%n",
                    last.indexed(), last.expected(), last.refused());
            exitCode = 0;
        } else {
            out.printf("reindex incomplete: %s, indexed %s, in PostgreSQL %s%n",
                    last.error() == null ? last.phase() : last.error(), last.indexed(), last.expected());
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
