using Microsoft.Data.Sqlite;

namespace Atr.Domain.Data;

public static class AtrDatabase
{
    /// <summary>The file name of the database inside the state folder.</summary>
    public const string FileName = "atr.db";

    /// <summary>A connection string for the SQLite file at <paramref name="path"/>, with foreign keys enforced.</summary>
    public static string ConnectionStringFor(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        ForeignKeys = true,
        DefaultTimeout = 30,
        Pooling = true,
    }.ToString();
}
