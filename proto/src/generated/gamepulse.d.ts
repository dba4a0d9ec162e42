import * as $protobuf from "protobufjs/minimal.js";

/** Namespace gamepulse. */
export namespace gamepulse {

    /** Namespace v1. */
    namespace v1 {

        /**
         * Properties of a Context.
         * @deprecated Use gamepulse.v1.Context.$Properties instead.
         */
        interface IContext extends gamepulse.v1.Context.$Properties {
        }

        /** Represents a Context. */
        class Context {

            /**
             * Constructs a new Context.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.Context.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Context gameId. */
            gameId: string;

            /** Context build. */
            build: string;

            /** Context platform. */
            platform: string;

            /** Context os. */
            os: string;

            /** Context country. */
            country: string;

            /** Context locale. */
            locale: string;

            /** Context sdkVersion. */
            sdkVersion: string;

            /** Context device. */
            device: string;

            /**
             * Creates a new Context instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Context instance
             */
            static create(properties: gamepulse.v1.Context.$Shape): gamepulse.v1.Context & gamepulse.v1.Context.$Shape;
            static create(properties?: gamepulse.v1.Context.$Properties): gamepulse.v1.Context;

            /**
             * Encodes the specified Context message. Does not implicitly {@link gamepulse.v1.Context.verify|verify} messages.
             * @param message Context message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.Context.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Context message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.Context & gamepulse.v1.Context.$Shape} Context
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.Context & gamepulse.v1.Context.$Shape;

            /**
             * Creates a Context message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Context
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.Context;

            /**
             * Creates a plain object from a Context message. Also converts values to other types if specified.
             * @param message Context
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.Context, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Context to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Context {

            /** Properties of a Context. */
            interface $Properties {

                /** Context gameId */
                gameId?: (string|null);

                /** Context build */
                build?: (string|null);

                /** Context platform */
                platform?: (string|null);

                /** Context os */
                os?: (string|null);

                /** Context country */
                country?: (string|null);

                /** Context locale */
                locale?: (string|null);

                /** Context sdkVersion */
                sdkVersion?: (string|null);

                /** Context device */
                device?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Context. */
            type $Shape = gamepulse.v1.Context.$Properties;
        }

        /**
         * Properties of an Event.
         * @deprecated Use gamepulse.v1.Event.$Properties instead.
         */
        interface IEvent extends gamepulse.v1.Event.$Properties {
        }

        /** Represents an Event. */
        class Event {

            /**
             * Constructs a new Event.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.Event.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Event eventId. */
            eventId: string;

            /** Event installId. */
            installId: string;

            /** Event playerId. */
            playerId: string;

            /** Event sessionId. */
            sessionId: string;

            /** Event sequence. */
            sequence: number;

            /** Event clientTsMs. */
            clientTsMs: number;

            /** Event context. */
            context?: (gamepulse.v1.Context.$Properties|null);

            /** Event custom. */
            custom: { [k: string]: string };

            /** Event sessionNumber. */
            sessionNumber: number;

            /** Event sampleRate. */
            sampleRate: number;

            /** Event sessionStart. */
            sessionStart?: (gamepulse.v1.SessionStart.$Properties|null);

            /** Event sessionEnd. */
            sessionEnd?: (gamepulse.v1.SessionEnd.$Properties|null);

            /** Event progression. */
            progression?: (gamepulse.v1.Progression.$Properties|null);

            /** Event purchase. */
            purchase?: (gamepulse.v1.Purchase.$Properties|null);

            /** Event resource. */
            resource?: (gamepulse.v1.Resource.$Properties|null);

            /** Event design. */
            design?: (gamepulse.v1.Design.$Properties|null);

            /** Event error. */
            error?: (gamepulse.v1.Error.$Properties|null);

            /** Event ad. */
            ad?: (gamepulse.v1.Ad.$Properties|null);

            /** Event social. */
            social?: (gamepulse.v1.Social.$Properties|null);

            /** Event featureUse. */
            featureUse?: (gamepulse.v1.FeatureUse.$Properties|null);

            /** Event experimentExposure. */
            experimentExposure?: (gamepulse.v1.ExperimentExposure.$Properties|null);

            /** Event payload. */
            payload?: ("sessionStart"|"sessionEnd"|"progression"|"purchase"|"resource"|"design"|"error"|"ad"|"social"|"featureUse"|"experimentExposure");

            /**
             * Creates a new Event instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Event instance
             */
            static create(properties: gamepulse.v1.Event.$Shape): gamepulse.v1.Event & gamepulse.v1.Event.$Shape;
            static create(properties?: gamepulse.v1.Event.$Properties): gamepulse.v1.Event;

            /**
             * Encodes the specified Event message. Does not implicitly {@link gamepulse.v1.Event.verify|verify} messages.
             * @param message Event message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.Event.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Event message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.Event & gamepulse.v1.Event.$Shape} Event
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.Event & gamepulse.v1.Event.$Shape;

            /**
             * Creates an Event message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Event
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.Event;

            /**
             * Creates a plain object from an Event message. Also converts values to other types if specified.
             * @param message Event
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.Event, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Event to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Event {

            /** Properties of an Event. */
            interface $Properties {

                /** Event eventId */
                eventId?: (string|null);

                /** Event installId */
                installId?: (string|null);

                /** Event playerId */
                playerId?: (string|null);

                /** Event sessionId */
                sessionId?: (string|null);

                /** Event sequence */
                sequence?: (number|null);

                /** Event clientTsMs */
                clientTsMs?: (number|null);

                /** Event context */
                context?: (gamepulse.v1.Context.$Properties|null);

                /** Event custom */
                custom?: ({ [k: string]: string }|null);

                /** Event sessionNumber */
                sessionNumber?: (number|null);

                /** Event sampleRate */
                sampleRate?: (number|null);

                /** Event sessionStart */
                sessionStart?: (gamepulse.v1.SessionStart.$Properties|null);

                /** Event sessionEnd */
                sessionEnd?: (gamepulse.v1.SessionEnd.$Properties|null);

                /** Event progression */
                progression?: (gamepulse.v1.Progression.$Properties|null);

                /** Event purchase */
                purchase?: (gamepulse.v1.Purchase.$Properties|null);

                /** Event resource */
                resource?: (gamepulse.v1.Resource.$Properties|null);

                /** Event design */
                design?: (gamepulse.v1.Design.$Properties|null);

                /** Event error */
                error?: (gamepulse.v1.Error.$Properties|null);

                /** Event ad */
                ad?: (gamepulse.v1.Ad.$Properties|null);

                /** Event social */
                social?: (gamepulse.v1.Social.$Properties|null);

                /** Event featureUse */
                featureUse?: (gamepulse.v1.FeatureUse.$Properties|null);

                /** Event experimentExposure */
                experimentExposure?: (gamepulse.v1.ExperimentExposure.$Properties|null);

                /** Event payload */
                payload?: ("sessionStart"|"sessionEnd"|"progression"|"purchase"|"resource"|"design"|"error"|"ad"|"social"|"featureUse"|"experimentExposure");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of an Event. */
            type $Shape = {
              eventId?: string|null;
              installId?: string|null;
              playerId?: string|null;
              sessionId?: string|null;
              sequence?: number|null;
              clientTsMs?: number|null;
              context?: gamepulse.v1.Context.$Shape|null;
              custom?: { [k: string]: string }|null;
              sessionNumber?: number|null;
              sampleRate?: number|null;
              sessionStart?: gamepulse.v1.SessionStart.$Shape|null;
              sessionEnd?: gamepulse.v1.SessionEnd.$Shape|null;
              progression?: gamepulse.v1.Progression.$Shape|null;
              purchase?: gamepulse.v1.Purchase.$Shape|null;
              resource?: gamepulse.v1.Resource.$Shape|null;
              design?: gamepulse.v1.Design.$Shape|null;
              error?: gamepulse.v1.Error.$Shape|null;
              ad?: gamepulse.v1.Ad.$Shape|null;
              social?: gamepulse.v1.Social.$Shape|null;
              featureUse?: gamepulse.v1.FeatureUse.$Shape|null;
              experimentExposure?: gamepulse.v1.ExperimentExposure.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ payload?: undefined; sessionStart?: null; sessionEnd?: null; progression?: null; purchase?: null; resource?: null; design?: null; error?: null; ad?: null; social?: null; featureUse?: null; experimentExposure?: null }|{ payload?: "sessionStart"; sessionStart: gamepulse.v1.SessionStart.$Shape; sessionEnd?: null; progression?: null; purchase?: null; resource?: null; design?: null; error?: null; ad?: null; social?: null; featureUse?: null; experimentExposure?: null }|{ payload?: "sessionEnd"; sessionStart?: null; sessionEnd: gamepulse.v1.SessionEnd.$Shape; progression?: null; purchase?: null; resource?: null; design?: null; error?: null; ad?: null; social?: null; featureUse?: null; experimentExposure?: null }|{ payload?: "progression"; sessionStart?: null; sessionEnd?: null; progression: gamepulse.v1.Progression.$Shape; purchase?: null; resource?: null; design?: null; error?: null; ad?: null; social?: null; featureUse?: null; experimentExposure?: null }|{ payload?: "purchase"; sessionStart?: null; sessionEnd?: null; progression?: null; purchase: gamepulse.v1.Purchase.$Shape; resource?: null; design?: null; error?: null; ad?: null; social?: null; featureUse?: null; experimentExposure?: null }|{ payload?: "resource"; sessionStart?: null; sessionEnd?: null; progression?: null; purchase?: null; resource: gamepulse.v1.Resource.$Shape; design?: null; error?: null; ad?: null; social?: null; featureUse?: null; experimentExposure?: null }|{ payload?: "design"; sessionStart?: null; sessionEnd?: null; progression?: null; purchase?: null; resource?: null; design: gamepulse.v1.Design.$Shape; error?: null; ad?: null; social?: null; featureUse?: null; experimentExposure?: null }|{ payload?: "error"; sessionStart?: null; sessionEnd?: null; progression?: null; purchase?: null; resource?: null; design?: null; error: gamepulse.v1.Error.$Shape; ad?: null; social?: null; featureUse?: null; experimentExposure?: null }|{ payload?: "ad"; sessionStart?: null; sessionEnd?: null; progression?: null; purchase?: null; resource?: null; design?: null; error?: null; ad: gamepulse.v1.Ad.$Shape; social?: null; featureUse?: null; experimentExposure?: null }|{ payload?: "social"; sessionStart?: null; sessionEnd?: null; progression?: null; purchase?: null; resource?: null; design?: null; error?: null; ad?: null; social: gamepulse.v1.Social.$Shape; featureUse?: null; experimentExposure?: null }|{ payload?: "featureUse"; sessionStart?: null; sessionEnd?: null; progression?: null; purchase?: null; resource?: null; design?: null; error?: null; ad?: null; social?: null; featureUse: gamepulse.v1.FeatureUse.$Shape; experimentExposure?: null }|{ payload?: "experimentExposure"; sessionStart?: null; sessionEnd?: null; progression?: null; purchase?: null; resource?: null; design?: null; error?: null; ad?: null; social?: null; featureUse?: null; experimentExposure: gamepulse.v1.ExperimentExposure.$Shape })
            );
        }

        /**
         * Properties of a SessionStart.
         * @deprecated Use gamepulse.v1.SessionStart.$Properties instead.
         */
        interface ISessionStart extends gamepulse.v1.SessionStart.$Properties {
        }

        /** Represents a SessionStart. */
        class SessionStart {

            /**
             * Constructs a new SessionStart.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.SessionStart.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SessionStart resumed. */
            resumed: boolean;

            /**
             * Creates a new SessionStart instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SessionStart instance
             */
            static create(properties: gamepulse.v1.SessionStart.$Shape): gamepulse.v1.SessionStart & gamepulse.v1.SessionStart.$Shape;
            static create(properties?: gamepulse.v1.SessionStart.$Properties): gamepulse.v1.SessionStart;

            /**
             * Encodes the specified SessionStart message. Does not implicitly {@link gamepulse.v1.SessionStart.verify|verify} messages.
             * @param message SessionStart message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.SessionStart.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SessionStart message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.SessionStart & gamepulse.v1.SessionStart.$Shape} SessionStart
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.SessionStart & gamepulse.v1.SessionStart.$Shape;

            /**
             * Creates a SessionStart message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns SessionStart
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.SessionStart;

            /**
             * Creates a plain object from a SessionStart message. Also converts values to other types if specified.
             * @param message SessionStart
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.SessionStart, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SessionStart to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace SessionStart {

            /** Properties of a SessionStart. */
            interface $Properties {

                /** SessionStart resumed */
                resumed?: (boolean|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SessionStart. */
            type $Shape = gamepulse.v1.SessionStart.$Properties;
        }

        /**
         * Properties of a SessionEnd.
         * @deprecated Use gamepulse.v1.SessionEnd.$Properties instead.
         */
        interface ISessionEnd extends gamepulse.v1.SessionEnd.$Properties {
        }

        /** Represents a SessionEnd. */
        class SessionEnd {

            /**
             * Constructs a new SessionEnd.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.SessionEnd.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SessionEnd lengthMs. */
            lengthMs: number;

            /**
             * Creates a new SessionEnd instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SessionEnd instance
             */
            static create(properties: gamepulse.v1.SessionEnd.$Shape): gamepulse.v1.SessionEnd & gamepulse.v1.SessionEnd.$Shape;
            static create(properties?: gamepulse.v1.SessionEnd.$Properties): gamepulse.v1.SessionEnd;

            /**
             * Encodes the specified SessionEnd message. Does not implicitly {@link gamepulse.v1.SessionEnd.verify|verify} messages.
             * @param message SessionEnd message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.SessionEnd.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SessionEnd message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.SessionEnd & gamepulse.v1.SessionEnd.$Shape} SessionEnd
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.SessionEnd & gamepulse.v1.SessionEnd.$Shape;

            /**
             * Creates a SessionEnd message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns SessionEnd
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.SessionEnd;

            /**
             * Creates a plain object from a SessionEnd message. Also converts values to other types if specified.
             * @param message SessionEnd
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.SessionEnd, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SessionEnd to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace SessionEnd {

            /** Properties of a SessionEnd. */
            interface $Properties {

                /** SessionEnd lengthMs */
                lengthMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SessionEnd. */
            type $Shape = gamepulse.v1.SessionEnd.$Properties;
        }

        /**
         * Properties of a Progression.
         * @deprecated Use gamepulse.v1.Progression.$Properties instead.
         */
        interface IProgression extends gamepulse.v1.Progression.$Properties {
        }

        /** Represents a Progression. */
        class Progression {

            /**
             * Constructs a new Progression.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.Progression.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Progression status. */
            status: gamepulse.v1.Progression.Status;

            /** Progression tier1. */
            tier1: string;

            /** Progression tier2. */
            tier2: string;

            /** Progression tier3. */
            tier3: string;

            /** Progression attempt. */
            attempt: number;

            /** Progression score. */
            score: number;

            /**
             * Creates a new Progression instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Progression instance
             */
            static create(properties: gamepulse.v1.Progression.$Shape): gamepulse.v1.Progression & gamepulse.v1.Progression.$Shape;
            static create(properties?: gamepulse.v1.Progression.$Properties): gamepulse.v1.Progression;

            /**
             * Encodes the specified Progression message. Does not implicitly {@link gamepulse.v1.Progression.verify|verify} messages.
             * @param message Progression message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.Progression.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Progression message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.Progression & gamepulse.v1.Progression.$Shape} Progression
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.Progression & gamepulse.v1.Progression.$Shape;

            /**
             * Creates a Progression message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Progression
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.Progression;

            /**
             * Creates a plain object from a Progression message. Also converts values to other types if specified.
             * @param message Progression
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.Progression, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Progression to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Progression {

            /** Properties of a Progression. */
            interface $Properties {

                /** Progression status */
                status?: (gamepulse.v1.Progression.Status|null);

                /** Progression tier1 */
                tier1?: (string|null);

                /** Progression tier2 */
                tier2?: (string|null);

                /** Progression tier3 */
                tier3?: (string|null);

                /** Progression attempt */
                attempt?: (number|null);

                /** Progression score */
                score?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Progression. */
            type $Shape = gamepulse.v1.Progression.$Properties;

            /** Status enum. */
            enum Status {

                /** STATUS_UNSPECIFIED value */
                STATUS_UNSPECIFIED = 0,

                /** STATUS_START value */
                STATUS_START = 1,

                /** STATUS_COMPLETE value */
                STATUS_COMPLETE = 2,

                /** STATUS_FAIL value */
                STATUS_FAIL = 3
            }
        }

        /**
         * Properties of a Purchase.
         * @deprecated Use gamepulse.v1.Purchase.$Properties instead.
         */
        interface IPurchase extends gamepulse.v1.Purchase.$Properties {
        }

        /** Represents a Purchase. */
        class Purchase {

            /**
             * Constructs a new Purchase.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.Purchase.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Purchase currency. */
            currency: string;

            /** Purchase amountMinor. */
            amountMinor: number;

            /** Purchase itemType. */
            itemType: string;

            /** Purchase itemId. */
            itemId: string;

            /** Purchase transactionId. */
            transactionId: string;

            /** Purchase store. */
            store: string;

            /**
             * Creates a new Purchase instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Purchase instance
             */
            static create(properties: gamepulse.v1.Purchase.$Shape): gamepulse.v1.Purchase & gamepulse.v1.Purchase.$Shape;
            static create(properties?: gamepulse.v1.Purchase.$Properties): gamepulse.v1.Purchase;

            /**
             * Encodes the specified Purchase message. Does not implicitly {@link gamepulse.v1.Purchase.verify|verify} messages.
             * @param message Purchase message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.Purchase.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Purchase message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.Purchase & gamepulse.v1.Purchase.$Shape} Purchase
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.Purchase & gamepulse.v1.Purchase.$Shape;

            /**
             * Creates a Purchase message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Purchase
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.Purchase;

            /**
             * Creates a plain object from a Purchase message. Also converts values to other types if specified.
             * @param message Purchase
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.Purchase, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Purchase to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Purchase {

            /** Properties of a Purchase. */
            interface $Properties {

                /** Purchase currency */
                currency?: (string|null);

                /** Purchase amountMinor */
                amountMinor?: (number|null);

                /** Purchase itemType */
                itemType?: (string|null);

                /** Purchase itemId */
                itemId?: (string|null);

                /** Purchase transactionId */
                transactionId?: (string|null);

                /** Purchase store */
                store?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Purchase. */
            type $Shape = gamepulse.v1.Purchase.$Properties;
        }

        /**
         * Properties of a Resource.
         * @deprecated Use gamepulse.v1.Resource.$Properties instead.
         */
        interface IResource extends gamepulse.v1.Resource.$Properties {
        }

        /** Represents a Resource. */
        class Resource {

            /**
             * Constructs a new Resource.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.Resource.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Resource flow. */
            flow: gamepulse.v1.Resource.Flow;

            /** Resource currency. */
            currency: string;

            /** Resource amount. */
            amount: number;

            /** Resource itemType. */
            itemType: string;

            /** Resource itemId. */
            itemId: string;

            /**
             * Creates a new Resource instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Resource instance
             */
            static create(properties: gamepulse.v1.Resource.$Shape): gamepulse.v1.Resource & gamepulse.v1.Resource.$Shape;
            static create(properties?: gamepulse.v1.Resource.$Properties): gamepulse.v1.Resource;

            /**
             * Encodes the specified Resource message. Does not implicitly {@link gamepulse.v1.Resource.verify|verify} messages.
             * @param message Resource message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.Resource.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Resource message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.Resource & gamepulse.v1.Resource.$Shape} Resource
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.Resource & gamepulse.v1.Resource.$Shape;

            /**
             * Creates a Resource message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Resource
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.Resource;

            /**
             * Creates a plain object from a Resource message. Also converts values to other types if specified.
             * @param message Resource
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.Resource, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Resource to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Resource {

            /** Properties of a Resource. */
            interface $Properties {

                /** Resource flow */
                flow?: (gamepulse.v1.Resource.Flow|null);

                /** Resource currency */
                currency?: (string|null);

                /** Resource amount */
                amount?: (number|null);

                /** Resource itemType */
                itemType?: (string|null);

                /** Resource itemId */
                itemId?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Resource. */
            type $Shape = gamepulse.v1.Resource.$Properties;

            /** Flow enum. */
            enum Flow {

                /** FLOW_UNSPECIFIED value */
                FLOW_UNSPECIFIED = 0,

                /** FLOW_SOURCE value */
                FLOW_SOURCE = 1,

                /** FLOW_SINK value */
                FLOW_SINK = 2
            }
        }

        /**
         * Properties of a Design.
         * @deprecated Use gamepulse.v1.Design.$Properties instead.
         */
        interface IDesign extends gamepulse.v1.Design.$Properties {
        }

        /** Represents a Design. */
        class Design {

            /**
             * Constructs a new Design.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.Design.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Design eventId. */
            eventId: string;

            /** Design value. */
            value: number;

            /**
             * Creates a new Design instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Design instance
             */
            static create(properties: gamepulse.v1.Design.$Shape): gamepulse.v1.Design & gamepulse.v1.Design.$Shape;
            static create(properties?: gamepulse.v1.Design.$Properties): gamepulse.v1.Design;

            /**
             * Encodes the specified Design message. Does not implicitly {@link gamepulse.v1.Design.verify|verify} messages.
             * @param message Design message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.Design.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Design message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.Design & gamepulse.v1.Design.$Shape} Design
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.Design & gamepulse.v1.Design.$Shape;

            /**
             * Creates a Design message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Design
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.Design;

            /**
             * Creates a plain object from a Design message. Also converts values to other types if specified.
             * @param message Design
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.Design, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Design to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Design {

            /** Properties of a Design. */
            interface $Properties {

                /** Design eventId */
                eventId?: (string|null);

                /** Design value */
                value?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Design. */
            type $Shape = gamepulse.v1.Design.$Properties;
        }

        /**
         * Properties of an Error.
         * @deprecated Use gamepulse.v1.Error.$Properties instead.
         */
        interface IError extends gamepulse.v1.Error.$Properties {
        }

        /** Represents an Error. */
        class Error {

            /**
             * Constructs a new Error.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.Error.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Error severity. */
            severity: gamepulse.v1.Error.Severity;

            /** Error message. */
            message: string;

            /**
             * Creates a new Error instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Error instance
             */
            static create(properties: gamepulse.v1.Error.$Shape): gamepulse.v1.Error & gamepulse.v1.Error.$Shape;
            static create(properties?: gamepulse.v1.Error.$Properties): gamepulse.v1.Error;

            /**
             * Encodes the specified Error message. Does not implicitly {@link gamepulse.v1.Error.verify|verify} messages.
             * @param message Error message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.Error.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Error message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.Error & gamepulse.v1.Error.$Shape} Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.Error & gamepulse.v1.Error.$Shape;

            /**
             * Creates an Error message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Error
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.Error;

            /**
             * Creates a plain object from an Error message. Also converts values to other types if specified.
             * @param message Error
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.Error, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Error to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Error {

            /** Properties of an Error. */
            interface $Properties {

                /** Error severity */
                severity?: (gamepulse.v1.Error.Severity|null);

                /** Error message */
                message?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Error. */
            type $Shape = gamepulse.v1.Error.$Properties;

            /** Severity enum. */
            enum Severity {

                /** SEVERITY_UNSPECIFIED value */
                SEVERITY_UNSPECIFIED = 0,

                /** SEVERITY_DEBUG value */
                SEVERITY_DEBUG = 1,

                /** SEVERITY_INFO value */
                SEVERITY_INFO = 2,

                /** SEVERITY_WARNING value */
                SEVERITY_WARNING = 3,

                /** SEVERITY_ERROR value */
                SEVERITY_ERROR = 4,

                /** SEVERITY_CRITICAL value */
                SEVERITY_CRITICAL = 5
            }
        }

        /**
         * Properties of an Ad.
         * @deprecated Use gamepulse.v1.Ad.$Properties instead.
         */
        interface IAd extends gamepulse.v1.Ad.$Properties {
        }

        /** Represents an Ad. */
        class Ad {

            /**
             * Constructs a new Ad.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.Ad.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Ad action. */
            action: gamepulse.v1.Ad.Action;

            /** Ad adType. */
            adType: string;

            /** Ad network. */
            network: string;

            /** Ad placement. */
            placement: string;

            /** Ad durationMs. */
            durationMs: number;

            /**
             * Creates a new Ad instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Ad instance
             */
            static create(properties: gamepulse.v1.Ad.$Shape): gamepulse.v1.Ad & gamepulse.v1.Ad.$Shape;
            static create(properties?: gamepulse.v1.Ad.$Properties): gamepulse.v1.Ad;

            /**
             * Encodes the specified Ad message. Does not implicitly {@link gamepulse.v1.Ad.verify|verify} messages.
             * @param message Ad message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.Ad.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Ad message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.Ad & gamepulse.v1.Ad.$Shape} Ad
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.Ad & gamepulse.v1.Ad.$Shape;

            /**
             * Creates an Ad message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Ad
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.Ad;

            /**
             * Creates a plain object from an Ad message. Also converts values to other types if specified.
             * @param message Ad
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.Ad, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Ad to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Ad {

            /** Properties of an Ad. */
            interface $Properties {

                /** Ad action */
                action?: (gamepulse.v1.Ad.Action|null);

                /** Ad adType */
                adType?: (string|null);

                /** Ad network */
                network?: (string|null);

                /** Ad placement */
                placement?: (string|null);

                /** Ad durationMs */
                durationMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Ad. */
            type $Shape = gamepulse.v1.Ad.$Properties;

            /** Action enum. */
            enum Action {

                /** ACTION_UNSPECIFIED value */
                ACTION_UNSPECIFIED = 0,

                /** ACTION_SHOW value */
                ACTION_SHOW = 1,

                /** ACTION_CLICK value */
                ACTION_CLICK = 2,

                /** ACTION_FAILED_SHOW value */
                ACTION_FAILED_SHOW = 3,

                /** ACTION_REWARD_RECEIVED value */
                ACTION_REWARD_RECEIVED = 4
            }
        }

        /**
         * Properties of a Social.
         * @deprecated Use gamepulse.v1.Social.$Properties instead.
         */
        interface ISocial extends gamepulse.v1.Social.$Properties {
        }

        /** Represents a Social. */
        class Social {

            /**
             * Constructs a new Social.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.Social.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Social action. */
            action: string;

            /** Social target. */
            target: string;

            /**
             * Creates a new Social instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Social instance
             */
            static create(properties: gamepulse.v1.Social.$Shape): gamepulse.v1.Social & gamepulse.v1.Social.$Shape;
            static create(properties?: gamepulse.v1.Social.$Properties): gamepulse.v1.Social;

            /**
             * Encodes the specified Social message. Does not implicitly {@link gamepulse.v1.Social.verify|verify} messages.
             * @param message Social message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.Social.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Social message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.Social & gamepulse.v1.Social.$Shape} Social
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.Social & gamepulse.v1.Social.$Shape;

            /**
             * Creates a Social message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Social
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.Social;

            /**
             * Creates a plain object from a Social message. Also converts values to other types if specified.
             * @param message Social
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.Social, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Social to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Social {

            /** Properties of a Social. */
            interface $Properties {

                /** Social action */
                action?: (string|null);

                /** Social target */
                target?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Social. */
            type $Shape = gamepulse.v1.Social.$Properties;
        }

        /**
         * Properties of a FeatureUse.
         * @deprecated Use gamepulse.v1.FeatureUse.$Properties instead.
         */
        interface IFeatureUse extends gamepulse.v1.FeatureUse.$Properties {
        }

        /** Represents a FeatureUse. */
        class FeatureUse {

            /**
             * Constructs a new FeatureUse.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.FeatureUse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** FeatureUse feature. */
            feature: string;

            /**
             * Creates a new FeatureUse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns FeatureUse instance
             */
            static create(properties: gamepulse.v1.FeatureUse.$Shape): gamepulse.v1.FeatureUse & gamepulse.v1.FeatureUse.$Shape;
            static create(properties?: gamepulse.v1.FeatureUse.$Properties): gamepulse.v1.FeatureUse;

            /**
             * Encodes the specified FeatureUse message. Does not implicitly {@link gamepulse.v1.FeatureUse.verify|verify} messages.
             * @param message FeatureUse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.FeatureUse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a FeatureUse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.FeatureUse & gamepulse.v1.FeatureUse.$Shape} FeatureUse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.FeatureUse & gamepulse.v1.FeatureUse.$Shape;

            /**
             * Creates a FeatureUse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns FeatureUse
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.FeatureUse;

            /**
             * Creates a plain object from a FeatureUse message. Also converts values to other types if specified.
             * @param message FeatureUse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.FeatureUse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this FeatureUse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace FeatureUse {

            /** Properties of a FeatureUse. */
            interface $Properties {

                /** FeatureUse feature */
                feature?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a FeatureUse. */
            type $Shape = gamepulse.v1.FeatureUse.$Properties;
        }

        /**
         * Properties of an ExperimentExposure.
         * @deprecated Use gamepulse.v1.ExperimentExposure.$Properties instead.
         */
        interface IExperimentExposure extends gamepulse.v1.ExperimentExposure.$Properties {
        }

        /** Represents an ExperimentExposure. */
        class ExperimentExposure {

            /**
             * Constructs a new ExperimentExposure.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.ExperimentExposure.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ExperimentExposure experiment. */
            experiment: string;

            /** ExperimentExposure variant. */
            variant: string;

            /**
             * Creates a new ExperimentExposure instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ExperimentExposure instance
             */
            static create(properties: gamepulse.v1.ExperimentExposure.$Shape): gamepulse.v1.ExperimentExposure & gamepulse.v1.ExperimentExposure.$Shape;
            static create(properties?: gamepulse.v1.ExperimentExposure.$Properties): gamepulse.v1.ExperimentExposure;

            /**
             * Encodes the specified ExperimentExposure message. Does not implicitly {@link gamepulse.v1.ExperimentExposure.verify|verify} messages.
             * @param message ExperimentExposure message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.ExperimentExposure.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an ExperimentExposure message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.ExperimentExposure & gamepulse.v1.ExperimentExposure.$Shape} ExperimentExposure
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.ExperimentExposure & gamepulse.v1.ExperimentExposure.$Shape;

            /**
             * Creates an ExperimentExposure message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ExperimentExposure
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.ExperimentExposure;

            /**
             * Creates a plain object from an ExperimentExposure message. Also converts values to other types if specified.
             * @param message ExperimentExposure
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.ExperimentExposure, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ExperimentExposure to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ExperimentExposure {

            /** Properties of an ExperimentExposure. */
            interface $Properties {

                /** ExperimentExposure experiment */
                experiment?: (string|null);

                /** ExperimentExposure variant */
                variant?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an ExperimentExposure. */
            type $Shape = gamepulse.v1.ExperimentExposure.$Properties;
        }

        /**
         * Properties of an EventBatch.
         * @deprecated Use gamepulse.v1.EventBatch.$Properties instead.
         */
        interface IEventBatch extends gamepulse.v1.EventBatch.$Properties {
        }

        /** Represents an EventBatch. */
        class EventBatch {

            /**
             * Constructs a new EventBatch.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.EventBatch.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** EventBatch installId. */
            installId: string;

            /** EventBatch batchSequence. */
            batchSequence: number;

            /** EventBatch sentAtMs. */
            sentAtMs: number;

            /** EventBatch context. */
            context?: (gamepulse.v1.Context.$Properties|null);

            /** EventBatch events. */
            events: gamepulse.v1.Event.$Properties[];

            /** EventBatch clockOffsetMs. */
            clockOffsetMs: number;

            /** EventBatch sdkHealth. */
            sdkHealth?: (gamepulse.v1.SdkHealth.$Properties|null);

            /**
             * Creates a new EventBatch instance using the specified properties.
             * @param [properties] Properties to set
             * @returns EventBatch instance
             */
            static create(properties: gamepulse.v1.EventBatch.$Shape): gamepulse.v1.EventBatch & gamepulse.v1.EventBatch.$Shape;
            static create(properties?: gamepulse.v1.EventBatch.$Properties): gamepulse.v1.EventBatch;

            /**
             * Encodes the specified EventBatch message. Does not implicitly {@link gamepulse.v1.EventBatch.verify|verify} messages.
             * @param message EventBatch message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.EventBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an EventBatch message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.EventBatch & gamepulse.v1.EventBatch.$Shape} EventBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.EventBatch & gamepulse.v1.EventBatch.$Shape;

            /**
             * Creates an EventBatch message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns EventBatch
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.EventBatch;

            /**
             * Creates a plain object from an EventBatch message. Also converts values to other types if specified.
             * @param message EventBatch
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.EventBatch, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this EventBatch to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace EventBatch {

            /** Properties of an EventBatch. */
            interface $Properties {

                /** EventBatch installId */
                installId?: (string|null);

                /** EventBatch batchSequence */
                batchSequence?: (number|null);

                /** EventBatch sentAtMs */
                sentAtMs?: (number|null);

                /** EventBatch context */
                context?: (gamepulse.v1.Context.$Properties|null);

                /** EventBatch events */
                events?: (gamepulse.v1.Event.$Properties[]|null);

                /** EventBatch clockOffsetMs */
                clockOffsetMs?: (number|null);

                /** EventBatch sdkHealth */
                sdkHealth?: (gamepulse.v1.SdkHealth.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an EventBatch. */
            type $Shape = {
              installId?: string|null;
              batchSequence?: number|null;
              sentAtMs?: number|null;
              context?: gamepulse.v1.Context.$Shape|null;
              events?: gamepulse.v1.Event.$Shape[]|null;
              clockOffsetMs?: number|null;
              sdkHealth?: gamepulse.v1.SdkHealth.$Shape|null;
              $unknowns?: Uint8Array[];
            };
        }

        /**
         * Properties of a SdkHealth.
         * @deprecated Use gamepulse.v1.SdkHealth.$Properties instead.
         */
        interface ISdkHealth extends gamepulse.v1.SdkHealth.$Properties {
        }

        /** Represents a SdkHealth. */
        class SdkHealth {

            /**
             * Constructs a new SdkHealth.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.SdkHealth.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SdkHealth droppedByReason. */
            droppedByReason: { [k: string]: number };

            /** SdkHealth queued. */
            queued: number;

            /**
             * Creates a new SdkHealth instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SdkHealth instance
             */
            static create(properties: gamepulse.v1.SdkHealth.$Shape): gamepulse.v1.SdkHealth & gamepulse.v1.SdkHealth.$Shape;
            static create(properties?: gamepulse.v1.SdkHealth.$Properties): gamepulse.v1.SdkHealth;

            /**
             * Encodes the specified SdkHealth message. Does not implicitly {@link gamepulse.v1.SdkHealth.verify|verify} messages.
             * @param message SdkHealth message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.SdkHealth.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SdkHealth message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.SdkHealth & gamepulse.v1.SdkHealth.$Shape} SdkHealth
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.SdkHealth & gamepulse.v1.SdkHealth.$Shape;

            /**
             * Creates a SdkHealth message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns SdkHealth
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.SdkHealth;

            /**
             * Creates a plain object from a SdkHealth message. Also converts values to other types if specified.
             * @param message SdkHealth
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.SdkHealth, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SdkHealth to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace SdkHealth {

            /** Properties of a SdkHealth. */
            interface $Properties {

                /** SdkHealth droppedByReason */
                droppedByReason?: ({ [k: string]: number }|null);

                /** SdkHealth queued */
                queued?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SdkHealth. */
            type $Shape = gamepulse.v1.SdkHealth.$Properties;
        }

        /**
         * Properties of a Rejection.
         * @deprecated Use gamepulse.v1.Rejection.$Properties instead.
         */
        interface IRejection extends gamepulse.v1.Rejection.$Properties {
        }

        /** Represents a Rejection. */
        class Rejection {

            /**
             * Constructs a new Rejection.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.Rejection.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Rejection index. */
            index: number;

            /** Rejection code. */
            code: string;

            /** Rejection field. */
            field: string;

            /** Rejection message. */
            message: string;

            /**
             * Creates a new Rejection instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Rejection instance
             */
            static create(properties: gamepulse.v1.Rejection.$Shape): gamepulse.v1.Rejection & gamepulse.v1.Rejection.$Shape;
            static create(properties?: gamepulse.v1.Rejection.$Properties): gamepulse.v1.Rejection;

            /**
             * Encodes the specified Rejection message. Does not implicitly {@link gamepulse.v1.Rejection.verify|verify} messages.
             * @param message Rejection message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.Rejection.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Rejection message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.Rejection & gamepulse.v1.Rejection.$Shape} Rejection
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.Rejection & gamepulse.v1.Rejection.$Shape;

            /**
             * Creates a Rejection message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Rejection
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.Rejection;

            /**
             * Creates a plain object from a Rejection message. Also converts values to other types if specified.
             * @param message Rejection
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.Rejection, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Rejection to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Rejection {

            /** Properties of a Rejection. */
            interface $Properties {

                /** Rejection index */
                index?: (number|null);

                /** Rejection code */
                code?: (string|null);

                /** Rejection field */
                field?: (string|null);

                /** Rejection message */
                message?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Rejection. */
            type $Shape = gamepulse.v1.Rejection.$Properties;
        }

        /**
         * Properties of a BatchAck.
         * @deprecated Use gamepulse.v1.BatchAck.$Properties instead.
         */
        interface IBatchAck extends gamepulse.v1.BatchAck.$Properties {
        }

        /** Represents a BatchAck. */
        class BatchAck {

            /**
             * Constructs a new BatchAck.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.BatchAck.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** BatchAck batchSequence. */
            batchSequence: number;

            /** BatchAck accepted. */
            accepted: number;

            /** BatchAck rejected. */
            rejected: gamepulse.v1.Rejection.$Properties[];

            /** BatchAck serverTimeMs. */
            serverTimeMs: number;

            /**
             * Creates a new BatchAck instance using the specified properties.
             * @param [properties] Properties to set
             * @returns BatchAck instance
             */
            static create(properties: gamepulse.v1.BatchAck.$Shape): gamepulse.v1.BatchAck & gamepulse.v1.BatchAck.$Shape;
            static create(properties?: gamepulse.v1.BatchAck.$Properties): gamepulse.v1.BatchAck;

            /**
             * Encodes the specified BatchAck message. Does not implicitly {@link gamepulse.v1.BatchAck.verify|verify} messages.
             * @param message BatchAck message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.BatchAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a BatchAck message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.BatchAck & gamepulse.v1.BatchAck.$Shape} BatchAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.BatchAck & gamepulse.v1.BatchAck.$Shape;

            /**
             * Creates a BatchAck message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns BatchAck
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.BatchAck;

            /**
             * Creates a plain object from a BatchAck message. Also converts values to other types if specified.
             * @param message BatchAck
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.BatchAck, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this BatchAck to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace BatchAck {

            /** Properties of a BatchAck. */
            interface $Properties {

                /** BatchAck batchSequence */
                batchSequence?: (number|null);

                /** BatchAck accepted */
                accepted?: (number|null);

                /** BatchAck rejected */
                rejected?: (gamepulse.v1.Rejection.$Properties[]|null);

                /** BatchAck serverTimeMs */
                serverTimeMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a BatchAck. */
            type $Shape = gamepulse.v1.BatchAck.$Properties;
        }

        /**
         * Properties of a StreamError.
         * @deprecated Use gamepulse.v1.StreamError.$Properties instead.
         */
        interface IStreamError extends gamepulse.v1.StreamError.$Properties {
        }

        /** Represents a StreamError. */
        class StreamError {

            /**
             * Constructs a new StreamError.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.StreamError.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** StreamError batchSequence. */
            batchSequence: number;

            /** StreamError code. */
            code: string;

            /** StreamError message. */
            message: string;

            /** StreamError retryable. */
            retryable: boolean;

            /** StreamError retryAfterMs. */
            retryAfterMs: number;

            /**
             * Creates a new StreamError instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StreamError instance
             */
            static create(properties: gamepulse.v1.StreamError.$Shape): gamepulse.v1.StreamError & gamepulse.v1.StreamError.$Shape;
            static create(properties?: gamepulse.v1.StreamError.$Properties): gamepulse.v1.StreamError;

            /**
             * Encodes the specified StreamError message. Does not implicitly {@link gamepulse.v1.StreamError.verify|verify} messages.
             * @param message StreamError message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.StreamError.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StreamError message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.StreamError & gamepulse.v1.StreamError.$Shape} StreamError
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.StreamError & gamepulse.v1.StreamError.$Shape;

            /**
             * Creates a StreamError message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns StreamError
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.StreamError;

            /**
             * Creates a plain object from a StreamError message. Also converts values to other types if specified.
             * @param message StreamError
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.StreamError, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this StreamError to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace StreamError {

            /** Properties of a StreamError. */
            interface $Properties {

                /** StreamError batchSequence */
                batchSequence?: (number|null);

                /** StreamError code */
                code?: (string|null);

                /** StreamError message */
                message?: (string|null);

                /** StreamError retryable */
                retryable?: (boolean|null);

                /** StreamError retryAfterMs */
                retryAfterMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a StreamError. */
            type $Shape = gamepulse.v1.StreamError.$Properties;
        }

        /**
         * Properties of a StreamReply.
         * @deprecated Use gamepulse.v1.StreamReply.$Properties instead.
         */
        interface IStreamReply extends gamepulse.v1.StreamReply.$Properties {
        }

        /** Represents a StreamReply. */
        class StreamReply {

            /**
             * Constructs a new StreamReply.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.StreamReply.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** StreamReply ack. */
            ack?: (gamepulse.v1.BatchAck.$Properties|null);

            /** StreamReply error. */
            error?: (gamepulse.v1.StreamError.$Properties|null);

            /** StreamReply reply. */
            reply?: ("ack"|"error");

            /**
             * Creates a new StreamReply instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StreamReply instance
             */
            static create(properties: gamepulse.v1.StreamReply.$Shape): gamepulse.v1.StreamReply & gamepulse.v1.StreamReply.$Shape;
            static create(properties?: gamepulse.v1.StreamReply.$Properties): gamepulse.v1.StreamReply;

            /**
             * Encodes the specified StreamReply message. Does not implicitly {@link gamepulse.v1.StreamReply.verify|verify} messages.
             * @param message StreamReply message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.StreamReply.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StreamReply message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.StreamReply & gamepulse.v1.StreamReply.$Shape} StreamReply
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.StreamReply & gamepulse.v1.StreamReply.$Shape;

            /**
             * Creates a StreamReply message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns StreamReply
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.StreamReply;

            /**
             * Creates a plain object from a StreamReply message. Also converts values to other types if specified.
             * @param message StreamReply
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.StreamReply, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this StreamReply to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace StreamReply {

            /** Properties of a StreamReply. */
            interface $Properties {

                /** StreamReply ack */
                ack?: (gamepulse.v1.BatchAck.$Properties|null);

                /** StreamReply error */
                error?: (gamepulse.v1.StreamError.$Properties|null);

                /** StreamReply reply */
                reply?: ("ack"|"error");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a StreamReply. */
            type $Shape = {
              ack?: gamepulse.v1.BatchAck.$Shape|null;
              error?: gamepulse.v1.StreamError.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ reply?: undefined; ack?: null; error?: null }|{ reply?: "ack"; ack: gamepulse.v1.BatchAck.$Shape; error?: null }|{ reply?: "error"; ack?: null; error: gamepulse.v1.StreamError.$Shape })
            );
        }

        /**
         * Properties of an IngestedBatch.
         * @deprecated Use gamepulse.v1.IngestedBatch.$Properties instead.
         */
        interface IIngestedBatch extends gamepulse.v1.IngestedBatch.$Properties {
        }

        /** Represents an IngestedBatch. */
        class IngestedBatch {

            /**
             * Constructs a new IngestedBatch.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.IngestedBatch.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** IngestedBatch installId. */
            installId: string;

            /** IngestedBatch batchSequence. */
            batchSequence: number;

            /** IngestedBatch context. */
            context?: (gamepulse.v1.Context.$Properties|null);

            /** IngestedBatch events. */
            events: gamepulse.v1.Event.$Properties[];

            /** IngestedBatch receivedAtMs. */
            receivedAtMs: number;

            /** IngestedBatch clockSkewMs. */
            clockSkewMs: number;

            /** IngestedBatch keyId. */
            keyId: string;

            /** IngestedBatch rejected. */
            rejected: number;

            /**
             * Creates a new IngestedBatch instance using the specified properties.
             * @param [properties] Properties to set
             * @returns IngestedBatch instance
             */
            static create(properties: gamepulse.v1.IngestedBatch.$Shape): gamepulse.v1.IngestedBatch & gamepulse.v1.IngestedBatch.$Shape;
            static create(properties?: gamepulse.v1.IngestedBatch.$Properties): gamepulse.v1.IngestedBatch;

            /**
             * Encodes the specified IngestedBatch message. Does not implicitly {@link gamepulse.v1.IngestedBatch.verify|verify} messages.
             * @param message IngestedBatch message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.IngestedBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an IngestedBatch message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.IngestedBatch & gamepulse.v1.IngestedBatch.$Shape} IngestedBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.IngestedBatch & gamepulse.v1.IngestedBatch.$Shape;

            /**
             * Creates an IngestedBatch message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns IngestedBatch
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.IngestedBatch;

            /**
             * Creates a plain object from an IngestedBatch message. Also converts values to other types if specified.
             * @param message IngestedBatch
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.IngestedBatch, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this IngestedBatch to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace IngestedBatch {

            /** Properties of an IngestedBatch. */
            interface $Properties {

                /** IngestedBatch installId */
                installId?: (string|null);

                /** IngestedBatch batchSequence */
                batchSequence?: (number|null);

                /** IngestedBatch context */
                context?: (gamepulse.v1.Context.$Properties|null);

                /** IngestedBatch events */
                events?: (gamepulse.v1.Event.$Properties[]|null);

                /** IngestedBatch receivedAtMs */
                receivedAtMs?: (number|null);

                /** IngestedBatch clockSkewMs */
                clockSkewMs?: (number|null);

                /** IngestedBatch keyId */
                keyId?: (string|null);

                /** IngestedBatch rejected */
                rejected?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an IngestedBatch. */
            type $Shape = {
              installId?: string|null;
              batchSequence?: number|null;
              context?: gamepulse.v1.Context.$Shape|null;
              events?: gamepulse.v1.Event.$Shape[]|null;
              receivedAtMs?: number|null;
              clockSkewMs?: number|null;
              keyId?: string|null;
              rejected?: number|null;
              $unknowns?: Uint8Array[];
            };
        }

        /**
         * Properties of a DeadLetter.
         * @deprecated Use gamepulse.v1.DeadLetter.$Properties instead.
         */
        interface IDeadLetter extends gamepulse.v1.DeadLetter.$Properties {
        }

        /** Represents a DeadLetter. */
        class DeadLetter {

            /**
             * Constructs a new DeadLetter.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.DeadLetter.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** DeadLetter code. */
            code: string;

            /** DeadLetter message. */
            message: string;

            /** DeadLetter keyId. */
            keyId: string;

            /** DeadLetter receivedAtMs. */
            receivedAtMs: number;

            /** DeadLetter raw. */
            raw: Uint8Array;

            /** DeadLetter source. */
            source: string;

            /**
             * Creates a new DeadLetter instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DeadLetter instance
             */
            static create(properties: gamepulse.v1.DeadLetter.$Shape): gamepulse.v1.DeadLetter & gamepulse.v1.DeadLetter.$Shape;
            static create(properties?: gamepulse.v1.DeadLetter.$Properties): gamepulse.v1.DeadLetter;

            /**
             * Encodes the specified DeadLetter message. Does not implicitly {@link gamepulse.v1.DeadLetter.verify|verify} messages.
             * @param message DeadLetter message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.DeadLetter.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DeadLetter message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.DeadLetter & gamepulse.v1.DeadLetter.$Shape} DeadLetter
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.DeadLetter & gamepulse.v1.DeadLetter.$Shape;

            /**
             * Creates a DeadLetter message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns DeadLetter
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.DeadLetter;

            /**
             * Creates a plain object from a DeadLetter message. Also converts values to other types if specified.
             * @param message DeadLetter
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.DeadLetter, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this DeadLetter to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace DeadLetter {

            /** Properties of a DeadLetter. */
            interface $Properties {

                /** DeadLetter code */
                code?: (string|null);

                /** DeadLetter message */
                message?: (string|null);

                /** DeadLetter keyId */
                keyId?: (string|null);

                /** DeadLetter receivedAtMs */
                receivedAtMs?: (number|null);

                /** DeadLetter raw */
                raw?: (Uint8Array|null);

                /** DeadLetter source */
                source?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a DeadLetter. */
            type $Shape = gamepulse.v1.DeadLetter.$Properties;
        }

        /**
         * Properties of a RollupRow.
         * @deprecated Use gamepulse.v1.RollupRow.$Properties instead.
         */
        interface IRollupRow extends gamepulse.v1.RollupRow.$Properties {
        }

        /** Represents a RollupRow. */
        class RollupRow {

            /**
             * Constructs a new RollupRow.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.RollupRow.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** RollupRow windowStartMs. */
            windowStartMs: number;

            /** RollupRow gameId. */
            gameId: string;

            /** RollupRow build. */
            build: string;

            /** RollupRow platform. */
            platform: string;

            /** RollupRow country. */
            country: string;

            /** RollupRow eventType. */
            eventType: string;

            /** RollupRow action. */
            action: string;

            /** RollupRow currency. */
            currency: string;

            /** RollupRow item. */
            item: string;

            /** RollupRow variant. */
            variant: string;

            /** RollupRow events. */
            events: number;

            /** RollupRow amount. */
            amount: number;

            /** RollupRow value. */
            value: number;

            /**
             * Creates a new RollupRow instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RollupRow instance
             */
            static create(properties: gamepulse.v1.RollupRow.$Shape): gamepulse.v1.RollupRow & gamepulse.v1.RollupRow.$Shape;
            static create(properties?: gamepulse.v1.RollupRow.$Properties): gamepulse.v1.RollupRow;

            /**
             * Encodes the specified RollupRow message. Does not implicitly {@link gamepulse.v1.RollupRow.verify|verify} messages.
             * @param message RollupRow message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.RollupRow.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RollupRow message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.RollupRow & gamepulse.v1.RollupRow.$Shape} RollupRow
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.RollupRow & gamepulse.v1.RollupRow.$Shape;

            /**
             * Creates a RollupRow message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RollupRow
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.RollupRow;

            /**
             * Creates a plain object from a RollupRow message. Also converts values to other types if specified.
             * @param message RollupRow
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.RollupRow, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RollupRow to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace RollupRow {

            /** Properties of a RollupRow. */
            interface $Properties {

                /** RollupRow windowStartMs */
                windowStartMs?: (number|null);

                /** RollupRow gameId */
                gameId?: (string|null);

                /** RollupRow build */
                build?: (string|null);

                /** RollupRow platform */
                platform?: (string|null);

                /** RollupRow country */
                country?: (string|null);

                /** RollupRow eventType */
                eventType?: (string|null);

                /** RollupRow action */
                action?: (string|null);

                /** RollupRow currency */
                currency?: (string|null);

                /** RollupRow item */
                item?: (string|null);

                /** RollupRow variant */
                variant?: (string|null);

                /** RollupRow events */
                events?: (number|null);

                /** RollupRow amount */
                amount?: (number|null);

                /** RollupRow value */
                value?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RollupRow. */
            type $Shape = gamepulse.v1.RollupRow.$Properties;
        }

        /**
         * Properties of a PlayerWindow.
         * @deprecated Use gamepulse.v1.PlayerWindow.$Properties instead.
         */
        interface IPlayerWindow extends gamepulse.v1.PlayerWindow.$Properties {
        }

        /** Represents a PlayerWindow. */
        class PlayerWindow {

            /**
             * Constructs a new PlayerWindow.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.PlayerWindow.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PlayerWindow windowStartMs. */
            windowStartMs: number;

            /** PlayerWindow gameId. */
            gameId: string;

            /** PlayerWindow build. */
            build: string;

            /** PlayerWindow platform. */
            platform: string;

            /** PlayerWindow country. */
            country: string;

            /** PlayerWindow playerId. */
            playerId: string;

            /** PlayerWindow firstSeenDayMs. */
            firstSeenDayMs: number;

            /** PlayerWindow events. */
            events: number;

            /** PlayerWindow purchases. */
            purchases: number;

            /** PlayerWindow sessions. */
            sessions: number;

            /** PlayerWindow variant. */
            variant: string;

            /**
             * Creates a new PlayerWindow instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PlayerWindow instance
             */
            static create(properties: gamepulse.v1.PlayerWindow.$Shape): gamepulse.v1.PlayerWindow & gamepulse.v1.PlayerWindow.$Shape;
            static create(properties?: gamepulse.v1.PlayerWindow.$Properties): gamepulse.v1.PlayerWindow;

            /**
             * Encodes the specified PlayerWindow message. Does not implicitly {@link gamepulse.v1.PlayerWindow.verify|verify} messages.
             * @param message PlayerWindow message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.PlayerWindow.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PlayerWindow message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.PlayerWindow & gamepulse.v1.PlayerWindow.$Shape} PlayerWindow
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.PlayerWindow & gamepulse.v1.PlayerWindow.$Shape;

            /**
             * Creates a PlayerWindow message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns PlayerWindow
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.PlayerWindow;

            /**
             * Creates a plain object from a PlayerWindow message. Also converts values to other types if specified.
             * @param message PlayerWindow
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.PlayerWindow, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PlayerWindow to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace PlayerWindow {

            /** Properties of a PlayerWindow. */
            interface $Properties {

                /** PlayerWindow windowStartMs */
                windowStartMs?: (number|null);

                /** PlayerWindow gameId */
                gameId?: (string|null);

                /** PlayerWindow build */
                build?: (string|null);

                /** PlayerWindow platform */
                platform?: (string|null);

                /** PlayerWindow country */
                country?: (string|null);

                /** PlayerWindow playerId */
                playerId?: (string|null);

                /** PlayerWindow firstSeenDayMs */
                firstSeenDayMs?: (number|null);

                /** PlayerWindow events */
                events?: (number|null);

                /** PlayerWindow purchases */
                purchases?: (number|null);

                /** PlayerWindow sessions */
                sessions?: (number|null);

                /** PlayerWindow variant */
                variant?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PlayerWindow. */
            type $Shape = gamepulse.v1.PlayerWindow.$Properties;
        }

        /**
         * Properties of a DeletionRequest.
         * @deprecated Use gamepulse.v1.DeletionRequest.$Properties instead.
         */
        interface IDeletionRequest extends gamepulse.v1.DeletionRequest.$Properties {
        }

        /** Represents a DeletionRequest. */
        class DeletionRequest {

            /**
             * Constructs a new DeletionRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: gamepulse.v1.DeletionRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** DeletionRequest gameId. */
            gameId: string;

            /** DeletionRequest playerId. */
            playerId: string;

            /** DeletionRequest installId. */
            installId: string;

            /** DeletionRequest requestedAtMs. */
            requestedAtMs: number;

            /** DeletionRequest source. */
            source: string;

            /** DeletionRequest keyId. */
            keyId: string;

            /** DeletionRequest requestId. */
            requestId: string;

            /**
             * Creates a new DeletionRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DeletionRequest instance
             */
            static create(properties: gamepulse.v1.DeletionRequest.$Shape): gamepulse.v1.DeletionRequest & gamepulse.v1.DeletionRequest.$Shape;
            static create(properties?: gamepulse.v1.DeletionRequest.$Properties): gamepulse.v1.DeletionRequest;

            /**
             * Encodes the specified DeletionRequest message. Does not implicitly {@link gamepulse.v1.DeletionRequest.verify|verify} messages.
             * @param message DeletionRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gamepulse.v1.DeletionRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DeletionRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gamepulse.v1.DeletionRequest & gamepulse.v1.DeletionRequest.$Shape} DeletionRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gamepulse.v1.DeletionRequest & gamepulse.v1.DeletionRequest.$Shape;

            /**
             * Creates a DeletionRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns DeletionRequest
             */
            static fromObject(object: { [k: string]: any }): gamepulse.v1.DeletionRequest;

            /**
             * Creates a plain object from a DeletionRequest message. Also converts values to other types if specified.
             * @param message DeletionRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gamepulse.v1.DeletionRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this DeletionRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace DeletionRequest {

            /** Properties of a DeletionRequest. */
            interface $Properties {

                /** DeletionRequest gameId */
                gameId?: (string|null);

                /** DeletionRequest playerId */
                playerId?: (string|null);

                /** DeletionRequest installId */
                installId?: (string|null);

                /** DeletionRequest requestedAtMs */
                requestedAtMs?: (number|null);

                /** DeletionRequest source */
                source?: (string|null);

                /** DeletionRequest keyId */
                keyId?: (string|null);

                /** DeletionRequest requestId */
                requestId?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a DeletionRequest. */
            type $Shape = gamepulse.v1.DeletionRequest.$Properties;
        }
    }
}
