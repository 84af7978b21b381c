// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-units"

#include "comptoir-i18n.h"

#include "comptoir-text.h"
#include "comptoir-units.h"

static const char * const unit_ids[] = { "piece", "kg", "100g", "litre", "bunch", "lot", NULL };

/* What people write in a spreadsheet, folded, for each unit. */
static const struct
{
  const char *id;
  const char *words[8];
} unit_words[] = {
  { "piece", { "piece", "pieces", "pce", "pc", "u", "unite", "unit", NULL } },
  { "kg", { "kg", "kilo", "kilos", "kilogramme", "kilogram", NULL } },
  { "100g", { "100g", "100 g", "100 grammes", "100 grams", NULL } },
  { "litre", { "litre", "litres", "l", "liter", "liters", NULL } },
  { "bunch", { "bunch", "botte", "bottes", "bouquet", NULL } },
  { "lot", { "lot", "lots", "set", NULL } },
};

const char * const *
comptoir_units_get_ids (void)
{
  return unit_ids;
}

/**
 * comptoir_unit_get_label:
 * @id: a unit id
 *
 * Returns: the unit as the merchant reads it, or @id when unknown
 */
const char *
comptoir_unit_get_label (const char *id)
{
  if (g_strcmp0 (id, "piece") == 0)
    /* TRANSLATORS: a selling unit */
    return C_("unit", "piece");
  if (g_strcmp0 (id, "kg") == 0)
    return C_("unit", "kg");
  if (g_strcmp0 (id, "100g") == 0)
    return C_("unit", "100 g");
  if (g_strcmp0 (id, "litre") == 0)
    return C_("unit", "litre");
  if (g_strcmp0 (id, "bunch") == 0)
    /* TRANSLATORS: a selling unit, as for radishes or flowers */
    return C_("unit", "bunch");
  if (g_strcmp0 (id, "lot") == 0)
    /* TRANSLATORS: a selling unit: several items sold together */
    return C_("unit", "lot");
  return id;
}

/**
 * comptoir_unit_from_text:
 * @text: a unit as written by someone, in French or English
 *
 * Returns: (nullable): the unit id, or %NULL if @text names no unit
 */
const char *
comptoir_unit_from_text (const char *text)
{
  g_autofree char *folded = comptoir_text_fold (text);

  for (guint i = 0; i < G_N_ELEMENTS (unit_words); i++)
    {
      g_autofree char *label = comptoir_text_fold (comptoir_unit_get_label (unit_words[i].id));

      if (g_str_equal (folded, label))
        return unit_words[i].id;
      for (guint j = 0; unit_words[i].words[j] != NULL; j++)
        if (g_str_equal (folded, unit_words[i].words[j]))
          return unit_words[i].id;
    }
  return NULL;
}
