using Microsoft.Data.Sqlite;

namespace CommunityCluster.DurableStore;

/// <summary>One serialized durable key as it lies in the table.</summary>
public sealed record StoredRow(string Key, byte[] Payload);

/// <summary>
/// The SQLite file behind <see cref="SqliteDurableStore"/>: one table of key and payload, with a
/// schema version so that a later layout can read this one. WAL journal with full sync: a
/// committed row survives a power cut, which is what "durable" promises a home NAS.
/// </summary>
public sealed class SqliteDurableFile : IDisposable
{
    public const int SchemaVersion = 1;

    private readonly SqliteConnection _connection;

    private SqliteDurableFile(SqliteConnection connection) => _connection = connection;

    public static SqliteDurableFile Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();

        var file = new SqliteDurableFile(connection);
        file.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        file.Migrate();
        return file;
    }

    public IReadOnlyList<StoredRow> ReadAll()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT key, payload FROM durable_data";
        using var reader = command.ExecuteReader();

        var rows = new List<StoredRow>();
        while (reader.Read())
            rows.Add(new StoredRow(reader.GetString(0), (byte[])reader.GetValue(1)));

        return rows;
    }

    /// <summary>Writes all rows in one transaction: all of them land, or none.</summary>
    public void Write(IReadOnlyCollection<StoredRow> rows)
    {
        using var transaction = _connection.BeginTransaction();
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO durable_data(key, payload) VALUES ($key, $payload) "
            + "ON CONFLICT(key) DO UPDATE SET payload = excluded.payload";
        var key = command.Parameters.Add("$key", SqliteType.Text);
        var payload = command.Parameters.Add("$payload", SqliteType.Blob);

        foreach (var row in rows)
        {
            key.Value = row.Key;
            payload.Value = row.Payload;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public void Dispose() => _connection.Dispose();

    private void Migrate()
    {
        Execute("CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL)");
        var version = Scalar("SELECT MAX(version) FROM schema_version");
        if (version is null or DBNull)
        {
            Execute("CREATE TABLE durable_data(key TEXT PRIMARY KEY NOT NULL, payload BLOB NOT NULL);"
                + $"INSERT INTO schema_version(version) VALUES ({SchemaVersion});");
            return;
        }

        if (Convert.ToInt32(version, System.Globalization.CultureInfo.InvariantCulture) > SchemaVersion)
            throw new InvalidOperationException(
                $"durable data file has schema version {version}, newer than this node understands ({SchemaVersion})");
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
