namespace Pinterest.Modular.Tests.Integration;
