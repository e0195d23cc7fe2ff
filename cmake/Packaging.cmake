# Debian packages, one per install component (scripts/package-test.sh builds,
# installs and uses them):
#
#   erp-plugin-api-dev  headers and the CMake package config (ErpPluginApi::api),
#                       the examples; for ERP vendors writing a host or a plugin
#   erp-plugin-jodo     the Jodo module lib/erp-host/plugins/libjodo.so and its
#                       ODBC guard library lib/libjodo-odbc-guard.so.1
#   jodo-host-sim       host-sim and jodo-sandbox, the erp-host systemd unit and
#                       /etc/erp-host/host.ini (cmake/InstallService.cmake)
#
#   cmake --build build --target package     (or: cd build && cpack -G DEB)
#
# Depends of the binaries come from dpkg-shlibdeps (needs dpkg-dev); the
# ODBC drivers are loaded by name at run time, so they are stated here.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME jodo-erp-connector)
set(CPACK_PACKAGE_VENDOR "Jodo ERP connector developers")
set(CPACK_PACKAGE_CONTACT "Jodo ERP connector developers <erp-connector@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL api module host)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# A shlibs file for libjodo-odbc-guard.so.1, for hosts that link it.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)

set(CPACK_DEBIAN_API_PACKAGE_NAME erp-plugin-api-dev)
set(CPACK_DEBIAN_API_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_API_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_API_PACKAGE_DEPENDS "libboost-dev (>= 1.74), cmake (>= 3.20)")
set(CPACK_COMPONENT_API_DESCRIPTION
  "ERP plugin interface ${ERP_PLUGIN_API_VERSION}: headers and CMake package\nThe versioned C++ interface between an ERP host and its plugins, with\nfind_package(ErpPluginApi CONFIG) giving ErpPluginApi::api, and the\nexamples minimal-host and minimal-plugin.")

set(CPACK_DEBIAN_MODULE_PACKAGE_NAME erp-plugin-jodo)
set(CPACK_DEBIAN_MODULE_PACKAGE_RECOMMENDS
  "libsqliteodbc, odbc-postgresql, odbc-mariadb, ca-certificates")
set(CPACK_COMPONENT_MODULE_DESCRIPTION
  "Jodo Pay module for ERP hosts (plugin interface ${ERP_PLUGIN_API_VERSION})\nlibjodo.so in /usr/lib/erp-host/plugins: collects invoices through Jodo Pay\nOrders and Payment Links, receives Jodo's webhooks, writes payments into the\nERP database through ODBC.")

set(CPACK_DEBIAN_HOST_PACKAGE_NAME jodo-host-sim)
# host-sim loads the module from the plugin directory; its default ERP is SQLite.
set(CPACK_DEBIAN_HOST_PACKAGE_DEPENDS "erp-plugin-jodo (= ${PROJECT_VERSION}), libsqliteodbc")
# The ERP databases a school's host runs on besides SQLite (ERPNext's is MariaDB).
set(CPACK_DEBIAN_HOST_PACKAGE_RECOMMENDS "odbc-postgresql, odbc-mariadb, tzdata")
# The erp-host service (lib/systemd/system/erp-host.service): its user, its
# directories, and /etc/erp-host/host.ini kept as the administrator edited it.
set(jodo_host_debian ${CMAKE_CURRENT_LIST_DIR}/debian/jodo-host-sim)
set(CPACK_DEBIAN_HOST_PACKAGE_CONTROL_EXTRA
  ${jodo_host_debian}/postinst ${jodo_host_debian}/prerm ${jodo_host_debian}/postrm
  ${jodo_host_debian}/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_COMPONENT_HOST_DESCRIPTION
  "ERP host simulator and offline Jodo API sandbox\nhost-sim loads ERP plugins the way an ERP host does (reference ERP on SQLite\nor PostgreSQL); jodo-sandbox is the offline Jodo Pay API on 127.0.0.1.")

include(CPack)
