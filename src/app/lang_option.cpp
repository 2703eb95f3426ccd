#include <map>
#include <string>

#include "app/commands.hpp"

namespace liaison::app {

void add_lang_option(CLI::App& command, core::Lang& lang) {
  const std::map<std::string, core::Lang> names{{"fr", core::Lang::fr}, {"en", core::Lang::en}};
  command.add_option("--lang", lang, "Language of every text: fr (default) or en")
      ->transform(CLI::CheckedTransformer(names, CLI::ignore_case))
      ->option_text("fr|en");
}

}  // namespace liaison::app
