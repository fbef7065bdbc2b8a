package cn.xianfeng.testing;

import cn.xianfeng.testing.RealServices.Database;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreshDatabaseTest {

    @Test
    void aFreshDatabaseAcceptsATable() throws SQLException {
        Database db = RealServices.freshDatabase();
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.execute("create table branch (id int primary key, name text)");
            s.execute("insert into branch values (1, '第一支部')");
            try (ResultSet rs = s.executeQuery("select name from branch where id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("第一支部");
            }
        }
    }

    @Test
    void twoFreshDatabasesAreIsolated() throws SQLException {
        Database first = RealServices.freshDatabase();
        Database second = RealServices.freshDatabase();
        assertThat(second.jdbcUrl()).isNotEqualTo(first.jdbcUrl());

        try (Connection c = connect(first); Statement s = c.createStatement()) {
            s.execute("create table meeting (id int)");
            assertThat(tableCount(s)).isEqualTo(1);
        }
        try (Connection c = connect(second); Statement s = c.createStatement()) {
            assertThat(tableCount(s)).isZero();
        }
    }

    @Test
    void databaseNameIsReplacedInTheUrl() {
        assertThat(PostgresServer.withDatabase("jdbc:postgresql://db:5432/postgres?ssl=false", "xf_1"))
                .isEqualTo("jdbc:postgresql://db:5432/xf_1?ssl=false");
        assertThat(PostgresServer.withDatabase("jdbc:postgresql://localhost/test", "xf_2"))
                .isEqualTo("jdbc:postgresql://localhost/xf_2");
        assertThatThrownBy(() -> PostgresServer.withDatabase("jdbc:postgresql://localhost", "xf_3"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int tableCount(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("select count(*) from information_schema.tables where table_schema = 'public'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static Connection connect(Database db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }
}
