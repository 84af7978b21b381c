// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-store"

#include "comptoir-i18n.h"

#include <glib/gstdio.h>

#include "comptoir-error.h"
#include "comptoir-outbox-private.h"
#include "comptoir-store-private.h"
#include "comptoir-text.h"

struct _ComptoirStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;              /* the connection of the thread that opened the store */
  GThread    *owner;
  GMutex      workers_lock;
  GHashTable *worker_dbs;      /* GThread* → sqlite3*: one connection per worker thread */
  GRecMutex   tx_lock;
  int         schema_version;
  GMainContext *owner_context; /* where ::changed is emitted */
  gint        change_pending;
};

G_DEFINE_FINAL_TYPE (ComptoirStore, comptoir_store, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static gboolean
emit_changed_cb (gpointer data)
{
  g_autoptr(ComptoirStore) self = g_weak_ref_get (data);

  if (self != NULL)
    {
      g_atomic_int_set (&self->change_pending, 0);
      g_signal_emit (self, signals[CHANGED], 0);
    }
  return G_SOURCE_REMOVE;
}

/* Any thread: ::changed is emitted once on the store's own main context,
 * however many transactions committed meanwhile. */
static void
queue_changed (ComptoirStore *self)
{
  GSource *source;
  GWeakRef *ref;

  if (!g_atomic_int_compare_and_exchange (&self->change_pending, 0, 1))
    return;
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback (source, emit_changed_cb, ref, weak_ref_free);
  g_source_set_static_name (source, "[comptoir] store changed");
  g_source_attach (source, self->owner_context);
  g_source_unref (source);
}

static void
close_connection (gpointer db)
{
  sqlite3_close_v2 (db);
}

static void
configure_connection (sqlite3 *db)
{
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 5000);
  /* Folded text for sorting and searching, kept by triggers (schema v2). */
  sqlite3_create_function_v2 (db, "comptoir_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                              NULL, comptoir_sql_fold, NULL, NULL, NULL);
}

/* Worker threads (photo and CSV imports, exports) get a connection of their
 * own: they never see another thread's uncommitted rows, their errors and
 * last inserted ids are their own, and WAL lets them read while the main
 * thread writes. Connections live as long as the store. */
static sqlite3 *
thread_db (ComptoirStore *self)
{
  GThread *thread = g_thread_self ();
  sqlite3 *db;

  if (thread == self->owner || self->db == NULL)
    return self->db;

  g_mutex_lock (&self->workers_lock);
  db = g_hash_table_lookup (self->worker_dbs, thread);
  if (db == NULL)
    {
      if (sqlite3_open_v2 (self->path, &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK)
        {
          configure_connection (db);
          sqlite3_exec (db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;", NULL, NULL, NULL);
          comptoir_outbox_install_hooks (db);
        }
      /* kept even if opening failed: the handle reports the error */
      g_hash_table_insert (self->worker_dbs, thread, db);
    }
  g_mutex_unlock (&self->workers_lock);
  return db;
}

void
comptoir_store_set_error (ComptoirStore  *self,
                          GError        **error)
{
  sqlite3 *db = thread_db (self);
  int code = db ? sqlite3_extended_errcode (db) : SQLITE_CANTOPEN;
  const char *detail = db ? sqlite3_errmsg (db) : "";

  /* The technical detail goes to the debug log; the merchant gets words. */
  g_debug ("SQLite error %d: %s", code, detail);

  if ((code & 0xff) == SQLITE_FULL)
    g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_STORE,
                         _("The disk is full. Free some space, then try again: nothing was lost."));
  else if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
    g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_STORE,
                         _("Your shop’s data is in use by another Comptoir window. Close it, then try again."));
  else if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
    g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_STORE,
                         _("Your shop’s data file is damaged and cannot be read."));
  else if ((code & 0xff) == SQLITE_CONSTRAINT)
    g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                         _("This change does not fit with the rest of your shop’s data and was not saved."));
  else
    g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_STORE,
                 _("Your shop’s data could not be saved (%s)."), detail);
}

sqlite3 *
comptoir_store_get_db (ComptoirStore *self)
{
  g_return_val_if_fail (COMPTOIR_IS_STORE (self), NULL);
  return thread_db (self);
}

sqlite3_stmt *
comptoir_store_prepare (ComptoirStore  *self,
                        const char     *sql,
                        GError        **error)
{
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (COMPTOIR_IS_STORE (self), NULL);
  g_return_val_if_fail (self->db != NULL, NULL);

  if (sqlite3_prepare_v2 (thread_db (self), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      comptoir_store_set_error (self, error);
      return NULL;
    }
  return stmt;
}

gboolean
comptoir_store_exec (ComptoirStore  *self,
                     const char     *sql,
                     GError        **error)
{
  g_return_val_if_fail (COMPTOIR_IS_STORE (self), FALSE);

  if (sqlite3_exec (thread_db (self), sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      comptoir_store_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
comptoir_store_step_done (ComptoirStore  *self,
                          sqlite3_stmt   *stmt,
                          GError        **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      comptoir_store_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}

void
comptoir_sql_bind_text (sqlite3_stmt *stmt,
                        int           index,
                        const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

const char *
comptoir_sql_column_text (sqlite3_stmt *stmt,
                          int           index)
{
  return (const char *) sqlite3_column_text (stmt, index);
}

char *
comptoir_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static int
read_user_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
check_version (ComptoirStore            *self,
               const ComptoirMigration  *migrations,
               guint                     n_migrations,
               GError                  **error)
{
  int latest = n_migrations > 0 ? migrations[n_migrations - 1].version : 0;

  self->schema_version = read_user_version (self->db);
  if (self->schema_version < 0)
    {
      comptoir_store_set_error (self, error);
      return FALSE;
    }

  if (self->schema_version > latest)
    {
      g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NEWER_SCHEMA,
                   _("Your shop’s data was saved by a newer version of Comptoir "
                     "(format %d, this version knows up to %d). Update Comptoir to open it; "
                     "nothing has been changed."),
                   self->schema_version, latest);
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (ComptoirStore            *self,
         const ComptoirMigration  *migrations,
         guint                     n_migrations,
         GError                  **error)
{
  for (guint i = 0; i < n_migrations; i++)
    {
      g_autofree char *set_version = NULL;

      if (migrations[i].version <= self->schema_version)
        continue;

      g_assert (migrations[i].version == self->schema_version + 1);
      set_version = g_strdup_printf ("PRAGMA user_version = %d", migrations[i].version);

      /* Each step is one transaction: a crash leaves the previous version. */
      if (!comptoir_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!comptoir_store_exec (self, migrations[i].sql, error)
          || !comptoir_store_exec (self, set_version, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      if (!comptoir_store_exec (self, "COMMIT", error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      self->schema_version = migrations[i].version;
      g_debug ("Store migrated to version %d", self->schema_version);
    }

  return TRUE;
}

char *
comptoir_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "comptoir", "comptoir.db", NULL);
}

ComptoirStore *
comptoir_store_open_with_migrations (const char               *path,
                                     const ComptoirMigration  *migrations,
                                     guint                     n_migrations,
                                     GError                  **error)
{
  g_autoptr(ComptoirStore) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *default_path = NULL;

  if (path == NULL)
    path = default_path = comptoir_store_default_path ();

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_STORE,
                   _("Comptoir cannot create the folder for your shop’s data: %s"),
                   g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (COMPTOIR_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  /* FULLMUTEX: the UI thread's connection may still be handed to a
   * worker by older code paths; workers normally get their own. */
  self->owner = g_thread_self ();
  self->owner_context = g_main_context_ref_thread_default ();
  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                       NULL) != SQLITE_OK)
    {
      comptoir_store_set_error (self, error);
      return NULL;
    }
  configure_connection (self->db);

  /* A database written by a newer Comptoir is refused before anything
   * may write to the file, not even a pragma. */
  if (!check_version (self, migrations, n_migrations, error))
    return NULL;

  if (!comptoir_store_exec (self,
                            "PRAGMA journal_mode = WAL;"
                            "PRAGMA synchronous = NORMAL;"
                            "PRAGMA foreign_keys = ON;",
                            error))
    return NULL;

  if (!migrate (self, migrations, n_migrations, error))
    return NULL;

  /* Outbox entries are written with every change (DESIGN.md, rule 1). */
  comptoir_outbox_install_hooks (self->db);

  return g_steal_pointer (&self);
}

/**
 * comptoir_store_open:
 * @path: (nullable): the database file, or %NULL for the one in the user's
 *   data directory
 * @error: a #GError
 *
 * Opens the local store, creating or upgrading it. A database written by a
 * newer Comptoir is refused with %COMPTOIR_ERROR_NEWER_SCHEMA and left as it
 * is.
 *
 * Returns: (transfer full): the store, or %NULL
 */
ComptoirStore *
comptoir_store_open (const char  *path,
                     GError     **error)
{
  const ComptoirMigration *migrations;
  guint n;

  migrations = comptoir_store_get_migrations (&n);
  return comptoir_store_open_with_migrations (path, migrations, n, error);
}

int
comptoir_store_get_latest_version (void)
{
  guint n;
  const ComptoirMigration *migrations = comptoir_store_get_migrations (&n);
  return migrations[n - 1].version;
}

const char *
comptoir_store_get_path (ComptoirStore *self)
{
  g_return_val_if_fail (COMPTOIR_IS_STORE (self), NULL);
  return self->path;
}

int
comptoir_store_get_schema_version (ComptoirStore *self)
{
  g_return_val_if_fail (COMPTOIR_IS_STORE (self), -1);
  return self->schema_version;
}

/**
 * comptoir_store_transaction:
 * @self: a #ComptoirStore
 * @func: the body
 * @user_data: passed to @func
 * @error: a #GError
 *
 * Runs @func inside one write transaction (BEGIN IMMEDIATE … COMMIT), from
 * any thread. Either everything @func wrote is committed, or nothing.
 * Transactions do not nest: @func must not call this again.
 */
gboolean
comptoir_store_transaction (ComptoirStore        *self,
                            ComptoirStoreTxFunc   func,
                            gpointer              user_data,
                            GError              **error)
{
  gboolean ok;

  g_return_val_if_fail (COMPTOIR_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  g_rec_mutex_lock (&self->tx_lock);

  ok = comptoir_store_exec (self, "BEGIN IMMEDIATE", error);
  if (ok)
    {
      ok = func (self, user_data, error);
      /* What func changed gets its outbox entries in the same transaction. */
      if (ok)
        ok = comptoir_outbox_collect (self, error);
      if (ok)
        ok = comptoir_store_exec (self, "COMMIT", error);
      if (!ok)
        sqlite3_exec (thread_db (self), "ROLLBACK", NULL, NULL, NULL);
    }
  if (ok)
    queue_changed (self);

  g_rec_mutex_unlock (&self->tx_lock);
  return ok;
}

gint64
comptoir_store_count (ComptoirStore *self,
                      const char    *table)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *sql;

  g_return_val_if_fail (COMPTOIR_IS_STORE (self), -1);

  sql = sqlite3_mprintf ("SELECT count(*) FROM \"%w\"", table);
  stmt = comptoir_store_prepare (self, sql, NULL);
  sqlite3_free (sql);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

void
comptoir_store_close (ComptoirStore *self)
{
  g_return_if_fail (COMPTOIR_IS_STORE (self));

  g_mutex_lock (&self->workers_lock);
  if (self->worker_dbs != NULL)
    g_hash_table_remove_all (self->worker_dbs);
  g_mutex_unlock (&self->workers_lock);

  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
}

static void
comptoir_store_finalize (GObject *object)
{
  ComptoirStore *self = COMPTOIR_STORE (object);

  comptoir_store_close (self);
  g_clear_pointer (&self->worker_dbs, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->workers_lock);
  g_rec_mutex_clear (&self->tx_lock);
  g_clear_pointer (&self->owner_context, g_main_context_unref);

  G_OBJECT_CLASS (comptoir_store_parent_class)->finalize (object);
}

static void
comptoir_store_class_init (ComptoirStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = comptoir_store_finalize;

  /**
   * ComptoirStore::changed:
   *
   * Something was committed, from any thread. Emitted on the main context
   * of the thread that opened the store, once for any number of commits
   * since the last emission.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
comptoir_store_init (ComptoirStore *self)
{
  g_rec_mutex_init (&self->tx_lock);
  g_mutex_init (&self->workers_lock);
  self->worker_dbs = g_hash_table_new_full (NULL, NULL, NULL, close_connection);
}
