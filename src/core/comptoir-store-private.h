// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* Only code of src/core (and its tests) talks SQL. */
#include <sqlite3.h>

#include "comptoir-store.h"

G_BEGIN_DECLS

typedef struct
{
  int         version;
  const char *sql;
} ComptoirMigration;

ComptoirStore *comptoir_store_open_with_migrations (const char               *path,
                                                    const ComptoirMigration  *migrations,
                                                    guint                     n_migrations,
                                                    GError                  **error);
sqlite3       *comptoir_store_get_db               (ComptoirStore            *self);
sqlite3_stmt  *comptoir_store_prepare              (ComptoirStore            *self,
                                                    const char               *sql,
                                                    GError                  **error);
gboolean       comptoir_store_exec                 (ComptoirStore            *self,
                                                    const char               *sql,
                                                    GError                  **error);
gboolean       comptoir_store_step_done            (ComptoirStore            *self,
                                                    sqlite3_stmt             *stmt,
                                                    GError                  **error);
void           comptoir_store_set_error            (ComptoirStore            *self,
                                                    GError                  **error);
const ComptoirMigration *comptoir_store_get_migrations (guint                *n_migrations);

/* Helpers for binding and reading nullable text. */
void         comptoir_sql_bind_text   (sqlite3_stmt *stmt,
                                       int           index,
                                       const char   *text);
const char  *comptoir_sql_column_text (sqlite3_stmt *stmt,
                                       int           index);
char        *comptoir_now_iso8601     (void);
void         comptoir_sql_fold        (sqlite3_context  *context,
                                       int               argc,
                                       sqlite3_value   **argv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
