# Run by `cmake --install` and by CPack (install(CODE) in host-sim/), not at
# configure time: the unit's ExecStart and the configuration's place follow the
# prefix installed to, which is known only now. The packages install to /usr,
# whose configuration lives in /etc (as GNUInstallDirs has it); any other
# prefix keeps its own etc/, so a scratch install never writes to /etc.
#
# In: JODO_SERVICE_CONFIG_DIR (config/ of the source tree),
#     JODO_SERVICE_BINDIR (bin, relative to the prefix), JODO_SERVICE_WORK.
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(etc "/etc")
else()
  set(etc "${CMAKE_INSTALL_PREFIX}/etc")
endif()
set(JODO_HOST_SIM "${CMAKE_INSTALL_PREFIX}/${JODO_SERVICE_BINDIR}/host-sim")
set(JODO_HOST_CONFIG "${etc}/erp-host/host.ini")
configure_file("${JODO_SERVICE_CONFIG_DIR}/erp-host.service.in"
               "${JODO_SERVICE_WORK}/erp-host.service" @ONLY)
file(INSTALL "${JODO_SERVICE_WORK}/erp-host.service"
     DESTINATION "${CMAKE_INSTALL_PREFIX}/lib/systemd/system")
# The example, with absolute paths, as the file the service reads. It holds
# the API secret: the package's postinst makes it root:erp-host 0640.
file(INSTALL "${JODO_SERVICE_CONFIG_DIR}/host-sim.example.ini" DESTINATION "${etc}/erp-host"
     RENAME host.ini)
