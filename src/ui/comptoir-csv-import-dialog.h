// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "comptoir-store.h"

G_BEGIN_DECLS

#define COMPTOIR_TYPE_CSV_IMPORT_DIALOG (comptoir_csv_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirCsvImportDialog, comptoir_csv_import_dialog, COMPTOIR, CSV_IMPORT_DIALOG, AdwWindow)

ComptoirCsvImportDialog *comptoir_csv_import_dialog_new (GtkWindow     *parent,
                                                         ComptoirStore *store,
                                                         GFile         *file);

G_END_DECLS
