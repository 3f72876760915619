global using Pinterest.Modular.Tests.Integration.Support;
