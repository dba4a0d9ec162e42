/**
 * Log4j 2 config shared by all processes: one console appender, so each process's
 * stdout (captured into `<dataDir>/log/<service>.log` by startBackground) is its log.
 */
export function log4j2Xml(): string {
  return `<?xml version="1.0" encoding="UTF-8" ?>
<!-- written by scripts/engines/druid/config/log4j2.ts -->
<Configuration status="WARN">
  <Appenders>
    <Console name="Console" target="SYSTEM_OUT">
      <PatternLayout pattern="%d{ISO8601} %p [%t] %c -%notEmpty{ [%markerSimpleName]} %m%n"/>
    </Console>
  </Appenders>
  <Loggers>
    <Root level="info"><AppenderRef ref="Console"/></Root>
    <!-- Startup noise that never explains a failure. -->
    <Logger name="org.skife.config" level="warn" additivity="false"><AppenderRef ref="Console"/></Logger>
    <Logger name="com.sun.jersey.guice" level="warn" additivity="false"><AppenderRef ref="Console"/></Logger>
    <Logger name="org.apache.zookeeper" level="warn" additivity="false"><AppenderRef ref="Console"/></Logger>
    <Logger name="org.apache.curator" level="warn" additivity="false"><AppenderRef ref="Console"/></Logger>
    <!-- Kafka consumers of supervisors log every fetch session at info. -->
    <Logger name="org.apache.kafka.clients.consumer.internals" level="warn" additivity="false"><AppenderRef ref="Console"/></Logger>
  </Loggers>
</Configuration>
`;
}
